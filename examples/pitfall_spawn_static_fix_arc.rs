//! pitfall_spawn_static_fix_arc: the spawned tasks share one list through an `Arc`: each owns a
//! handle to it, and the list lives until the last handle is dropped.
//!
//! Two tasks use the same list of guests: one sends the invitations (1 s), one books a table (2 s).
//! Run: `cargo run --example pitfall_spawn_static_fix_arc` (about 2 s). The version that borrows
//! the list does not compile: see the chapter. Compare with `pitfall_spawn_static_fix_move`.

use std::sync::Arc;
use std::time::Duration;

use workbook::{say, summary, waiting};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let guests = Arc::new(["Ada".to_string(), "Grace".to_string()]);

    // `Arc::clone` copies a pointer, not the list; `move` hands that pointer to the task.
    let shared = Arc::clone(&guests);
    let invitations = tokio::spawn(async move {
        let wait = Duration::from_millis(1000);
        let bar = waiting("invitations", wait);
        tokio::time::sleep(wait).await;
        say(format!("invitations sent to {}", shared.join(" and ")));
        bar.end();
    });
    let shared = Arc::clone(&guests);
    let table = tokio::spawn(async move {
        let wait = Duration::from_millis(2000);
        let bar = waiting("table", wait);
        tokio::time::sleep(wait).await;
        say(format!("table booked for {} guests", shared.len()));
        bar.end();
    });

    invitations.await?;
    table.await?;
    say(format!("main still has the list: {}", guests.join(", ")));
    summary();
    Ok(())
}
