//! A wrong answer to exercise 12: no queue at all. `run` polls every unfinished task, round and
//! round, until all are done. Finished tasks are skipped and the times are right, but the
//! executor never sleeps: a busy loop, and the kernel counts its CPU time.
//! Fails: idle

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

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.queue.push(self.id);
    }
}

// ANCHOR: wrong
fn run(tasks: Vec<Task>) {
    // The queue is there for the wakers, and never read.
    let _never_popped = Queue::pop;
    let queue = Arc::new(Queue::default());
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    while slots.iter().any(Option::is_some) {
        for (id, slot) in slots.iter_mut().enumerate() {
            let Some(task) = slot.as_mut() else { continue };
            let waker = Waker::from(Arc::new(TaskWaker {
                id,
                queue: Arc::clone(&queue),
            }));
            if task
                .as_mut()
                .poll(&mut Context::from_waker(&waker))
                .is_ready()
            {
                *slot = None;
            }
        }
    }
}
// ANCHOR_END: wrong

fn main() {
    run(tasks());
    summary();
}
