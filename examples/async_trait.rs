//! async_trait: an `async fn` in a trait, called through generics, and the boxed-future method
//! that lets the same machines be used as `dyn Trait`, in one list.
//!
//! Two machines: the dishwasher takes 0.6 s, the kettle 0.3 s. First both are run through a
//! generic function (no boxes, one copy of the code per machine type), then through a
//! `Vec<Box<dyn DynMachine>>`, each time joined, so each round takes as long as the dishwasher.
//! Run: `cargo run --example async_trait` (about 1.2 s). The `dyn` mistake is in
//! `tests/compile_fail/async_trait_dyn.rs`.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use workbook::{say, summary, waiting};

// ANCHOR: trait
/// Each implementation's `run` returns a future of its own type: fine for generics, not for `dyn`.
trait Machine {
    async fn run(&self) -> String;
}

struct Dishwasher;
struct Kettle;

impl Machine for Dishwasher {
    async fn run(&self) -> String {
        let wait = Duration::from_millis(600);
        let bar = waiting("dishwasher", wait);
        tokio::time::sleep(wait).await;
        bar.end();
        "clean dishes".to_string()
    }
}

impl Machine for Kettle {
    async fn run(&self) -> String {
        let wait = Duration::from_millis(300);
        let bar = waiting("kettle", wait);
        tokio::time::sleep(wait).await;
        bar.end();
        "hot water".to_string()
    }
}

/// Generic: the compiler makes one copy for each machine type, and knows each future's size.
async fn run_and_say(machine: &impl Machine, name: &str) {
    let result = machine.run().await;
    say(format!("{name}: {result}"));
}
// ANCHOR_END: trait

// ANCHOR: dyn
/// The same method with its future boxed: every implementation returns the same type, so the
/// trait can be used as `dyn DynMachine`. The price is one allocation per call.
trait DynMachine {
    fn run(&self) -> Pin<Box<dyn Future<Output = String> + '_>>;
    fn name(&self) -> &'static str;
}

/// Any `Machine` is a `DynMachine`: box the future its `run` returns.
impl<M: Machine> DynMachine for (M, &'static str) {
    fn run(&self) -> Pin<Box<dyn Future<Output = String> + '_>> {
        Box::pin(self.0.run())
    }
    fn name(&self) -> &'static str {
        self.1
    }
}
// ANCHOR_END: dyn

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: main
    tokio::join!(
        biased;
        run_and_say(&Dishwasher, "generic dishwasher"),
        run_and_say(&Kettle, "generic kettle"),
    );

    let machines: Vec<Box<dyn DynMachine>> = vec![
        Box::new((Dishwasher, "dyn dishwasher")),
        Box::new((Kettle, "dyn kettle")),
    ];
    let runs = machines.iter().map(|machine| async move {
        let result = machine.run().await;
        say(format!("{}: {result}", machine.name()));
    });
    futures::future::join_all(runs).await;
    summary();
    // ANCHOR_END: main
}
