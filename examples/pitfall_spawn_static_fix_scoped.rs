//! pitfall_spawn_static_fix_scoped: no spawn at all. Futures joined inside `main` cannot outlive
//! it, so they may borrow its locals.
//!
//! Two jobs use the same list of guests: one sends the invitations (1 s), one books a table (2 s).
//! Run: `cargo run --example pitfall_spawn_static_fix_scoped` (about 2 s). The version that spawns
//! tasks borrowing the list does not compile: see the chapter. Compare with
//! `pitfall_spawn_static_fix_move`.

use std::time::Duration;

use workbook::{say, summary, waiting};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let guests = ["Ada".to_string(), "Grace".to_string()];

    // Plain `async` blocks that borrow `guests`; `join!` ends before `main` goes on, so the borrow
    // ends before `guests` can be dropped.
    let invitations = async {
        let wait = Duration::from_millis(1000);
        let bar = waiting("invitations", wait);
        tokio::time::sleep(wait).await;
        say(format!("invitations sent to {}", guests.join(" and ")));
        bar.end();
    };
    let table = async {
        let wait = Duration::from_millis(2000);
        let bar = waiting("table", wait);
        tokio::time::sleep(wait).await;
        say(format!("table booked for {} guests", guests.len()));
        bar.end();
    };

    tokio::join!(invitations, table);
    summary();
}
