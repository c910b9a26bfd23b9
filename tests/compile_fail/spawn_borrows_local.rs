// Two spawned tasks borrow a local of `main`. A task may outlive the function that spawned it,
// so `tokio::spawn` takes only futures that own everything they use (`'static`): this does not
// compile.

use std::time::Duration;

use workbook::{say, waiting};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let guests = ["Ada".to_string(), "Grace".to_string()];

    let invitations = tokio::spawn(async {
        let wait = Duration::from_millis(1000);
        let bar = waiting("invitations", wait);
        tokio::time::sleep(wait).await;
        say(format!("invitations sent to {}", guests.join(" and ")));
        bar.end();
    });
    let table = tokio::spawn(async {
        let wait = Duration::from_millis(2000);
        let bar = waiting("table", wait);
        tokio::time::sleep(wait).await;
        say(format!("table booked for {} guests", guests.len()));
        bar.end();
    });

    invitations.await.unwrap();
    table.await.unwrap();
}
