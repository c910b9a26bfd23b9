//! Exercise 12: fix a toy executor.
//!
//! `run` is an executor, like `block_on` but for several tasks: a queue holds the ids of the
//! tasks to poll, and each task's waker should put its id back in the queue when it is woken.
//! The tasks (`exercises::ex12`) wait for machines on other threads: A for 1 s, B for 2 s, C
//! for 0.5 s and then 1 s. This executor has two bugs. It never ends: a task that returned
//! `Pending` is never polled again. And once that is fixed, it panics: it polls a task that
//! has already finished.
//!
//! Your task: fix `wake` and `run`, so that the three tasks run at the same time (about 2 s),
//! each polled only when it is woken, and never again once it is done.
//!
//! Check: `cargo ex check 12`. A hint: `cargo ex hint 12`. Start again: `cargo ex reset 12`.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};
use std::task::{Context, Wake, Waker};

use exercises::ex12::{Task, tasks};
use workbook::summary;

/// The ids of the tasks to poll next, and a way to sleep until there is one.
#[derive(Default)]
struct Queue {
    ids: Mutex<VecDeque<usize>>,
    not_empty: Condvar,
}

impl Queue {
    fn push(&self, id: usize) {
        self.ids.lock().expect("no poll panics").push_back(id);
        self.not_empty.notify_one();
    }

    /// The next id, waiting (asleep, not spinning) until there is one.
    fn pop(&self) -> usize {
        let mut ids = self.ids.lock().expect("no poll panics");
        loop {
            if let Some(id) = ids.pop_front() {
                return id;
            }
            ids = self.not_empty.wait(ids).expect("no poll panics");
        }
    }
}

/// The waker of task `id`: waking it should put the task back in the queue.
struct TaskWaker {
    id: usize,
    queue: Arc<Queue>,
}

// ANCHOR: solution
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        // Nothing happens: the task is never polled again.
        let _ = (self.id, &self.queue);
    }
}

/// Runs every task to its end.
fn run(mut tasks: Vec<Task>) {
    let queue = Arc::new(Queue::default());
    for id in 0..tasks.len() {
        queue.push(id);
    }
    let mut left = tasks.len();
    while left > 0 {
        let id = queue.pop();
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            queue: Arc::clone(&queue),
        }));
        let mut cx = Context::from_waker(&waker);
        // Something changed: poll every task, to see which can go on.
        for task in &mut tasks {
            if task.as_mut().poll(&mut cx).is_ready() {
                left -= 1;
            }
        }
    }
}
// ANCHOR_END: solution

fn main() {
    run(tasks());
    summary();
}
