//! Exercise 12's fixed parts: the tasks the toy executor runs. Each waits for a machine (a thread
//! that answers through a tokio `oneshot` channel, which needs no runtime: its receiver wakes
//! whatever waker polled it last). The exercise is the executor.

use std::future::Future;
use std::pin::Pin;
use std::thread;
use std::time::Duration;

use tokio::sync::oneshot;
use workbook::{say, waiting};

/// A task as the executor holds it: a boxed future it can poll through a `Pin`.
pub type Task = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The tasks: a name, and the waits each makes one after the other, in seconds. C waits twice, so
/// it is woken twice.
pub const TASKS: [(&str, &[f64]); 3] = [("A", &[1.0]), ("B", &[2.0]), ("C", &[0.5, 1.0])];

/// A machine that answers after `seconds`, on a thread of its own: the future is ready then.
fn machine(seconds: f64) -> oneshot::Receiver<()> {
    let (answer, answered) = oneshot::channel();
    thread::spawn(move || {
        thread::sleep(Duration::from_secs_f64(seconds));
        let _ = answer.send(());
    });
    answered
}

/// One task: it waits for each of its machines in turn, and says when it begins and ends.
async fn task(name: &'static str, waits: &'static [f64]) {
    let bar = waiting(name, Duration::from_secs_f64(waits.iter().sum()));
    for (step, seconds) in waits.iter().enumerate() {
        say(format!("{name} waits {seconds} s (step {})", step + 1));
        let _ = machine(*seconds).await;
    }
    say(format!("{name} is done"));
    bar.end();
}

/// The tasks, ready for the executor: none has started, as a future does nothing until polled.
pub fn tasks() -> Vec<Task> {
    TASKS
        .iter()
        .map(|&(name, waits)| Box::pin(task(name, waits)) as Task)
        .collect()
}
