//! A shortcut for exercise 01: it waits for nothing, and prints the lines a right answer prints,
//! time stamps and total included. The checker keeps its own clock, so the stamps give it away.
//! Fails: clock

// ANCHOR: wrong
fn main() {
    println!("[ 0.0s] First waits 2 s");
    println!("[ 0.0s] Second waits 1 s");
    println!("[ 1.0s] Second");
    println!("[ 2.0s] First");
    println!();
    println!("Total: 2.0 s");
}
// ANCHOR_END: wrong
