//! Exercise 12, a solution: the waker puts its task's id back in the queue, and `run` polls only
//! the task whose id it took, with that task's own waker. A finished task is taken out of its
//! slot, so it can never be polled again, even if a late wake names it.
//!
//! The queue's `pop` sleeps on a condition variable while the queue is empty: the executor
//! does nothing until a machine's thread wakes a task.

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
        self.queue.push(self.id);
    }
}

/// Runs every task to its end.
fn run(tasks: Vec<Task>) {
    let queue = Arc::new(Queue::default());
    // A slot per task: `None` once it is done.
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    for id in 0..slots.len() {
        queue.push(id);
    }
    let mut left = slots.len();
    while left > 0 {
        let id = queue.pop();
        // A wake for a task that is done already: nothing to poll.
        let Some(task) = slots[id].as_mut() else {
            continue;
        };
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            queue: Arc::clone(&queue),
        }));
        if task
            .as_mut()
            .poll(&mut Context::from_waker(&waker))
            .is_ready()
        {
            slots[id] = None;
            left -= 1;
        }
    }
}
// ANCHOR_END: solution

fn main() {
    run(tasks());
    summary();
}
