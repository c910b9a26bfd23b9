// A trait with an `async fn` used as `dyn Trait`. Each implementation's `async fn` returns a future
// of its own type and size, so a call through `dyn` would not know what it gets back: such a trait
// is not dyn compatible. The fix: a method that returns a boxed future (examples/async_trait.rs).

trait Machine {
    async fn run(&self) -> String;
}

struct Dishwasher;

impl Machine for Dishwasher {
    async fn run(&self) -> String {
        "clean dishes".to_string()
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let machines: Vec<Box<dyn Machine>> = vec![Box::new(Dishwasher)];
    for machine in &machines {
        println!("{}", machine.run().await);
    }
}
