//! pitfall_select_fix: the future that reads a message is made once per message and kept, pinned,
//! across the turns of the loop, so a tick only pauses it and no word is lost.
//!
//! A sender sends two messages of three words each, one word every 0.6 s, from 0.3 s on. The
//! receiver reads whole messages, and also prints a tick every 1.2 s. Each tick comes in the middle
//! of a message.
//! Run: `cargo run --example pitfall_select_fix` (about 3.3 s). Compare with `pitfall_select_bug`.

use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::{Instant, interval_at, sleep_until};
use workbook::{say, summary};

const WORDS: [&str; 6] = ["one", "two", "three", "four", "five", "six"];
const WORDS_PER_MESSAGE: usize = 3;

/// Sends the words, one every 0.6 s from 0.3 s on, then closes the channel.
async fn send_words(sender: mpsc::Sender<&'static str>, start: Instant) {
    for (n, word) in (0u64..).zip(WORDS) {
        sleep_until(start + Duration::from_millis(300 + 600 * n)).await;
        if sender.send(word).await.is_err() {
            return;
        }
    }
}

/// Reads one whole message, word by word. The words read so far live in this future: if it is
/// dropped before the message is complete, they are gone. `None` when the channel is closed.
async fn read_message(receiver: &mut mpsc::Receiver<&'static str>) -> Option<Vec<&'static str>> {
    let mut words = Vec::new();
    while words.len() < WORDS_PER_MESSAGE {
        let word = receiver.recv().await?;
        words.push(word);
        say(format!(
            "read \"{word}\", word {} of the message",
            words.len()
        ));
    }
    Some(words)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // The printed times count from the first `say`; the sender's and the ticks' times count from
    // `start`, taken just after it, so that nothing is printed earlier than planned.
    say("waiting for messages");
    let start = Instant::now();
    let (sender, mut receiver) = mpsc::channel(WORDS.len());
    tokio::spawn(send_words(sender, start));
    let mut ticks = interval_at(
        start + Duration::from_millis(1200),
        Duration::from_millis(1200),
    );
    let mut messages = 0;
    loop {
        // One `read_message` future per message, pinned so that `select!` can poll it by
        // reference: when the tick wins, the future is not dropped, only polled again next turn.
        let reading = read_message(&mut receiver);
        tokio::pin!(reading);
        let message = loop {
            tokio::select! {
                message = &mut reading => break message,
                _ = ticks.tick() => say("tick"),
            }
        };
        match message {
            Some(words) => {
                messages += 1;
                say(format!("message: {}", words.join(" ")));
            }
            None => break,
        }
    }
    say(format!(
        "the sender is done; complete messages: {messages} of 2"
    ));
    summary();
}
