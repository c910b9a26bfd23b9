//! A wrong answer to exercise 12: `run` polls only the woken task and drops the finished ones,
//! but the waker still does nothing. After the first round nothing is ever queued again, and
//! `pop` waits for good: a lost wake.
//! Fails: runs

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

// ANCHOR: wrong
impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        // Woken: noted, and forgotten.
        let _ = (self.id, &self.queue);
    }
}
// ANCHOR_END: wrong

fn run(tasks: Vec<Task>) {
    let queue = Arc::new(Queue::default());
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    for id in 0..slots.len() {
        queue.push(id);
    }
    let mut left = slots.len();
    while left > 0 {
        let id = queue.pop();
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

fn main() {
    run(tasks());
    summary();
}
