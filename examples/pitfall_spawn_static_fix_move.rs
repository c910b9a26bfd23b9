//! pitfall_spawn_static_fix_move: each spawned task owns what it uses: its own copy of the list,
//! moved into it with `async move`.
//!
//! Two tasks use the same list of guests: one sends the invitations (1 s), one books a table (2 s).
//! Run: `cargo run --example pitfall_spawn_static_fix_move` (about 2 s). The version that borrows
//! the list does not compile: see the chapter. Compare with `pitfall_spawn_static_fix_arc` and
//! `pitfall_spawn_static_fix_scoped`.

use std::time::Duration;

use workbook::{say, summary, waiting};

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let guests = ["Ada".to_string(), "Grace".to_string()];

    // A copy for the first task; `move` hands it over, so the task owns it.
    let guests_to_invite = guests.clone();
    let invitations = tokio::spawn(async move {
        let wait = Duration::from_millis(1000);
        let bar = waiting("invitations", wait);
        tokio::time::sleep(wait).await;
        say(format!(
            "invitations sent to {}",
            guests_to_invite.join(" and ")
        ));
        bar.end();
    });
    // The original for the second: `main` does not need it any more.
    let table = tokio::spawn(async move {
        let wait = Duration::from_millis(2000);
        let bar = waiting("table", wait);
        tokio::time::sleep(wait).await;
        say(format!("table booked for {} guests", guests.len()));
        bar.end();
    });

    invitations.await?;
    table.await?;
    summary();
    Ok(())
}
