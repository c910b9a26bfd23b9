//! A wrong answer to exercise 12: the waker puts its task back in the queue, but `run` still
//! polls every task at each wake, the finished ones too. The first task polled after it is done
//! panics: an `async fn` must not be polled after it has returned `Ready`.
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

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.queue.push(self.id);
    }
}

// ANCHOR: wrong
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
        for task in &mut tasks {
            if task.as_mut().poll(&mut cx).is_ready() {
                left -= 1;
            }
        }
    }
}
// ANCHOR_END: wrong

fn main() {
    run(tasks());
    summary();
}
