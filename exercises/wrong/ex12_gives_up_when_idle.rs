//! A shortcut for exercise 12: the waker is never needed if `run` stops as soon as the queue is
//! empty. It never hangs and never spins, and it ends at once, before any task has done its work.
//! Fails: all_done

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
        let _ = (self.id, &self.queue);
    }
}

// ANCHOR: wrong
fn run(tasks: Vec<Task>) {
    let queue = Arc::new(Queue::default());
    let mut slots: Vec<Option<Task>> = tasks.into_iter().map(Some).collect();
    for id in 0..slots.len() {
        queue.push(id);
    }
    // Nothing queued any more: all done, surely.
    while !queue.ids.lock().expect("no poll panics").is_empty() {
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
        }
    }
}
// ANCHOR_END: wrong

fn main() {
    run(tasks());
    summary();
}
