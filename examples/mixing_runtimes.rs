//! mixing_runtimes: a future that needs tokio, awaited under another runtime, panics with "there is
//! no reactor running". Then two fixes, and the mix that works the other way round.
//!
//! 1. `tokio::time::sleep` under `smol::block_on`: the panic, caught and its message printed.
//! 2. The same sleep run on a tokio runtime, its handle awaited from smol: 0.5 s.
//! 3. smol's own timer under smol: 0.5 s.
//! 4. smol's timer under tokio: works, 0.5 s (async-io drives its timers from its own thread).
//!
//! Run: `cargo run --example mixing_runtimes` (about 1.5 s).

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::time::Duration;

use workbook::{say, summary, waiting};

const WAIT: Duration = Duration::from_millis(500);

/// The text a panic was raised with: tokio panics with a `String`, `panic!("literal")` with a `&str`.
fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("(a panic without a message)")
}

fn main() -> anyhow::Result<()> {
    say("1. tokio::time::sleep awaited under smol::block_on");
    // A quiet panic hook for this one call: the message is printed below, without a backtrace.
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        smol::block_on(async { tokio::time::sleep(WAIT).await })
    }));
    drop(panic::take_hook());
    match outcome {
        Ok(()) => say("   it worked"),
        Err(payload) => {
            // tokio's message is one long line; print it as two to fit the screen.
            let message = panic_message(payload.as_ref());
            let (first, rest) = message.split_once(", ").unwrap_or((message, ""));
            say(format!("   panicked: {first},"));
            say(format!("   {rest}"));
        }
    }

    // Fix 1: give the tokio future a tokio runtime. Its worker thread drives tokio's timer, and the
    // JoinHandle that `spawn` returns is a plain future: smol can await it. The sleep is made inside
    // the `async` block, on the tokio worker: calling `tokio::time::sleep` out here panics too.
    say("2. the same sleep spawned on a tokio runtime, awaited from smol");
    let tokio_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_time()
        .build()?;
    let bar_2 = waiting("2. tokio task", WAIT);
    smol::block_on(tokio_runtime.spawn(async { tokio::time::sleep(WAIT).await }))?;
    say(format!("   done after {}", bar_2.elapsed()));
    bar_2.end();

    // Fix 2: use the timer of the runtime you are on.
    say("3. smol::Timer awaited under smol::block_on");
    let bar_3 = waiting("3. smol timer", WAIT);
    smol::block_on(smol::Timer::after(WAIT));
    say(format!("   done after {}", bar_3.elapsed()));
    bar_3.end();

    // smol's timers belong to async-io, which runs its own thread to fire them when no smol
    // `block_on` is running: they work under any runtime. tokio's only work inside tokio.
    say("4. smol::Timer awaited under a tokio runtime");
    let bar_4 = waiting("4. smol under tokio", WAIT);
    tokio::runtime::Builder::new_current_thread()
        .build()?
        .block_on(smol::Timer::after(WAIT));
    say(format!("   done after {}", bar_4.elapsed()));
    bar_4.end();

    summary();
    Ok(())
}
