//! event_loop: a small single-threaded executor you can read, running the lessons' async code and
//! printing each turn of its loop: what it polls, what the poll returned, when it sleeps, what woke.
//!
//! Std only: a ready queue, a timer list, wakers made with `std::task::Wake`, and its own `sleep`.
//! The lessons, one a run: print_async's jobs (the default), `--sleep` (sleep_async's), `--loop`
//! (loop_async's four tasks) and `--chores` (chores_async: the potatoes never yield).
//! Run: `cargo run --example event_loop` (about 2 s; `-- --chores` about 10 s).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use workbook::{Seconds, cpu_work, say, summary, waiting, working};

// ANCHOR: sleep
thread_local! {
    /// The timer list: when each sleep is due and whom to wake then, the soonest first.
    static TIMERS: RefCell<Vec<(Instant, Waker)>> = const { RefCell::new(Vec::new()) };
    /// The loop's clock, read once a turn (libuv, under Node.js, does the same): the sleeps that
    /// start in one turn count from the same instant, so timers set together fire together.
    static NOW: Cell<Instant> = Cell::new(Instant::now());
}

/// This loop's own `sleep`: it puts a timer in the list, and the loop wakes the task when it is due.
struct Sleep {
    due: Instant,
    in_the_list: bool,
}

fn sleep(duration: Duration) -> Sleep {
    let due = NOW.get() + duration;
    Sleep {
        due,
        in_the_list: false,
    }
}

impl Future for Sleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if NOW.get() >= self.due {
            return Poll::Ready(());
        }
        if !self.in_the_list {
            let (due, waker) = (self.due, cx.waker().clone());
            TIMERS.with_borrow_mut(|timers| {
                let place = timers.partition_point(|(other, _)| *other <= due);
                timers.insert(place, (due, waker));
            });
            self.in_the_list = true;
        }
        Poll::Pending
    }
}
// ANCHOR_END: sleep

// ANCHOR: waker
/// What a task's `Waker` does when it is woken: put the task in the ready queue, once.
struct TaskWaker {
    id: usize,
    name: String,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl Wake for TaskWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let mut ready = self.ready.lock().unwrap();
        if !ready.contains(&self.id) {
            say(format!("  wake {}: into the ready queue", self.name));
            ready.push_back(self.id);
        }
    }
}
// ANCHOR_END: waker

// ANCHOR: loop
struct Task {
    name: String,
    future: Pin<Box<dyn Future<Output = ()>>>,
    waker: Waker,
}

#[derive(Default)]
struct EventLoop {
    /// Every task by its id; `None` once it has finished.
    tasks: Vec<Option<Task>>,
    ready: Arc<Mutex<VecDeque<usize>>>,
}

impl EventLoop {
    /// Makes `future` a task, ready to be polled on the next turn.
    fn spawn(&mut self, name: &str, future: impl Future<Output = ()> + 'static) {
        let id = self.tasks.len();
        let ready = self.ready.clone();
        let waker = Waker::from(Arc::new(TaskWaker {
            id,
            name: name.into(),
            ready,
        }));
        let future = Box::pin(future);
        self.tasks.push(Some(Task {
            name: name.into(),
            future,
            waker,
        }));
        self.ready.lock().unwrap().push_back(id);
    }

    /// Turns until every task has finished.
    fn run(mut self) {
        for turn in 1.. {
            if self.tasks.iter().all(Option::is_none) {
                return;
            }
            // Nothing to poll: sleep until the soonest timer is due (nothing can happen sooner).
            if self.ready.lock().unwrap().is_empty() {
                let Some(due) = TIMERS.with_borrow(|timers| timers.first().map(|t| t.0)) else {
                    say(format!(
                        "turn {turn}: nothing is ready and no timer is set: stuck"
                    ));
                    return;
                };
                let when = Seconds::at(due);
                if due > Instant::now() {
                    say(format!("turn {turn}: nothing is ready; sleep until {when}"));
                    std::thread::sleep(due.saturating_duration_since(Instant::now()));
                } else {
                    say(format!(
                        "turn {turn}: nothing is ready; a timer was due at {when}"
                    ));
                }
            } else {
                say(format!("turn {turn}"));
            }
            // The timers that are due wake their tasks.
            let now = Instant::now();
            NOW.set(now);
            let due: Vec<_> = TIMERS.with_borrow_mut(|timers| {
                let count = timers.partition_point(|(due, _)| *due <= now);
                timers.drain(..count).collect()
            });
            for (when, waker) in due {
                say(format!("  the timer due at {} fires", Seconds::at(when)));
                waker.wake();
            }
            // Poll each task that is ready now, once. What they wake waits for the next turn.
            let ready: Vec<usize> = self.ready.lock().unwrap().drain(..).collect();
            for id in ready {
                let Some(task) = &mut self.tasks[id] else {
                    continue; // woken after it finished
                };
                let began = Seconds::since_start();
                let mut cx = Context::from_waker(&task.waker);
                let result = task.future.as_mut().poll(&mut cx);
                let name = &task.name;
                match result {
                    Poll::Pending => say(format!("  poll {name} (from {began}): Pending")),
                    Poll::Ready(()) => {
                        say(format!(
                            "  poll {name} (from {began}): Ready, it has finished"
                        ));
                        self.tasks[id] = None;
                    }
                }
            }
        }
    }
}
// ANCHOR_END: loop

// ANCHOR: lessons
/// print_async's job, and sleep_async's when `verbose`.
async fn job(name: &'static str, seconds: u64, verbose: bool) {
    let bar = waiting(name, Duration::from_secs(seconds));
    if verbose {
        say(format!("{name} starts, it will take {seconds} s"));
    }
    sleep(Duration::from_secs(seconds)).await;
    if verbose {
        say(format!("{name} ends, it took {}", bar.elapsed()));
    } else {
        say(name);
    }
    bar.end();
}

/// loop_async's job.
async fn numbered_job(number: u32) {
    let bar = waiting(&format!("job {number}"), Duration::from_secs(1));
    say(format!("Start {number}"));
    sleep(Duration::from_secs(1)).await;
    say(format!("End {number}"));
    bar.end();
}

/// chores_async's chores: the machines wait, the potatoes keep the thread and never yield.
async fn machine(name: &str, seconds: u64) {
    let bar = waiting(name, Duration::from_secs(seconds));
    say(format!("{name} starts, it needs {seconds} s"));
    sleep(Duration::from_secs(seconds)).await;
    say(format!("{name} is done, noticed after {}", bar.elapsed()));
    bar.end();
}

async fn laundry() {
    machine("washer", 3).await;
    machine("dryer", 3).await;
}

async fn clean_potatoes() {
    let bar = working("potatoes");
    say("potatoes: 10 to clean by hand");
    for potato in 1..=10 {
        cpu_work(Duration::from_millis(700));
        say(format!("potato {potato} is clean"));
    }
    bar.end();
}

/// event_loop: a lesson's async code under a small executor, every turn of its loop printed.
/// Without a flag, print_async's jobs.
#[derive(clap::Parser)]
#[group(multiple = false)]
struct Lesson {
    /// sleep_async's jobs, which say when they start and end
    #[arg(long)]
    sleep: bool,
    /// loop_async's four tasks
    #[arg(long = "loop")]
    four_tasks: bool,
    /// chores_async's chores: the potatoes never yield
    #[arg(long)]
    chores: bool,
}

fn main() {
    let lesson: Lesson = workbook::cli::parse();
    let mut event_loop = EventLoop::default();
    if lesson.four_tasks {
        (0..4).for_each(|n| event_loop.spawn(&format!("job {n}"), numbered_job(n)));
    } else if lesson.chores {
        event_loop.spawn("dishwasher", machine("dishwasher", 3));
        event_loop.spawn("laundry", laundry());
        event_loop.spawn("water", machine("water", 4));
        event_loop.spawn("potatoes", clean_potatoes());
    } else {
        event_loop.spawn("First", job("First", 2, lesson.sleep));
        event_loop.spawn("Second", job("Second", 1, lesson.sleep));
    }
    event_loop.run();
    summary();
}
// ANCHOR_END: lessons
