//! chat_server: a TCP chat room. Each client's lines go to every other client, joins and leaves
//! are announced, and a client that reads slowly, or not at all, or vanishes, stalls nobody else.
//!
//! Every client is a task; it reads its client's lines and publishes them on a broadcast channel,
//! and a second task per client writes what the others said. A client that stops reading makes only
//! its own writer wait: it misses messages (and is told how many), and after `--write-timeout`
//! seconds (default 10) of not taking any, it is disconnected.
//! What a client cannot do: hold a place without a name (it has `--name-timeout` seconds, default
//! 30, to give one), stay silent for ever (`--idle-timeout`, default 600), take more than
//! MAX_CLIENTS places (one more is told the room is full), send a line longer than LONGEST_LINE,
//! or send control characters (an ESC that clears the others' screens, a `\r` that overwrites a
//! line): those are taken out of names and lines.
//! Run: `cargo run --example chat_server` (port 7878; `-- --port 0` takes any free port). It runs
//! until you stop it with Ctrl-C. Then, in two or more other terminals: `nc 127.0.0.1 7878`.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::anyhow;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};
use workbook::{cli, say};

/// How many messages the channel keeps for a reader that has fallen behind. A reader more than
/// this far behind loses the oldest ones: the channel never waits for a slow reader.
const BACKLOG: usize = 128;
/// The longest line a client may send, in bytes; longer lines are cut.
const LONGEST_LINE: usize = 2000;
/// The most clients connected at once, named or not yet.
const MAX_CLIENTS: usize = 100;

/// One line said in the room, by client `from` (or by the room itself).
#[derive(Clone)]
struct Said {
    from: u64,
    line: Arc<str>,
}

/// What the room knows: the channel everyone hears, and who is in.
struct Room {
    channel: broadcast::Sender<Said>,
    members: Mutex<BTreeMap<u64, String>>,
    timeouts: Timeouts,
}

/// How long the room waits for a client: to give its name, to say anything, to take what it is
/// sent.
#[derive(Clone, Copy)]
struct Timeouts {
    name: Duration,
    idle: Duration,
    write: Duration,
}

impl Room {
    fn say(&self, from: u64, line: String) {
        // `send` fails only when nobody listens, and then nobody needed to hear it.
        let _ = self.channel.send(Said {
            from,
            line: line.into(),
        });
    }

    fn members(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, String>> {
        self.members.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A member of the room, taken off the list when dropped: however its task ends, it leaves no
/// ghost behind.
struct Member<'a> {
    id: u64,
    room: &'a Room,
}

impl Drop for Member<'_> {
    fn drop(&mut self) {
        self.room.members().remove(&self.id);
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> workbook::Result {
    let options: Options = cli::parse();
    let port = options.port;
    let timeouts = Timeouts {
        name: options.name_timeout,
        idle: options.idle_timeout,
        write: options.write_timeout,
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
        anyhow!("cannot listen on 127.0.0.1:{port}: {e} (try another --port, or 0)")
    })?;
    let port = listener.local_addr()?.port();
    say(format!(
        "Chat room on 127.0.0.1:{port}; join with: nc 127.0.0.1 {port}  (Ctrl-C stops it)"
    ));

    let room = Arc::new(Room {
        channel: broadcast::channel(BACKLOG).0,
        members: Mutex::new(BTreeMap::new()),
        timeouts,
    });
    let places = Arc::new(Semaphore::new(MAX_CLIENTS));
    // ANCHOR: accept
    for id in 1.. {
        let stream = match listener.accept().await {
            Ok((stream, _peer)) => stream,
            Err(e) => {
                // Out of file descriptors, usually: say so, wait a moment, and go on.
                say(format!("cannot accept a connection: {e}"));
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        // One task per client: a client that waits makes only its own task wait.
        match Arc::clone(&places).try_acquire_owned() {
            Ok(place) => tokio::spawn(client(stream, id, Arc::clone(&room), place)),
            Err(_) => tokio::spawn(room_is_full(stream)),
        };
    }
    // ANCHOR_END: accept
    Ok(())
}

/// Tells a client over MAX_CLIENTS that the room is full, and hangs up.
async fn room_is_full(mut stream: TcpStream) {
    let full = format!("Sorry, the room is full ({MAX_CLIENTS} clients): try again later\n");
    let _ = tokio::time::timeout(Duration::from_secs(1), stream.write_all(full.as_bytes())).await;
}

// ANCHOR: client
/// Serves one client from its first line (its name) to its last. It holds one of the room's
/// places until it is gone.
async fn client(stream: TcpStream, id: u64, room: Arc<Room>, _place: OwnedSemaphorePermit) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader);

    let _ = writer.write_all(b"Welcome! What is your name?\n").await;
    let name = match tokio::time::timeout(room.timeouts.name, read_line(&mut lines)).await {
        Ok(Some(line)) => name_from(&line, id),
        // Gone before saying a name: nobody saw them come.
        Ok(None) => return,
        Err(_) => {
            let _ = writer.write_all(b"No name in time: goodbye\n").await;
            return;
        }
    };
    // Listen before announcing, so nothing said from now on is missed.
    let hearing = room.channel.subscribe();
    let others: Vec<String> = room.members().values().cloned().collect();
    let present = if others.is_empty() {
        "nobody else yet".to_string()
    } else {
        others.join(", ")
    };
    let welcome = format!("Hello, {name}! In the room: {present}\n");
    if writer.write_all(welcome.as_bytes()).await.is_err() {
        return;
    }
    room.members().insert(id, name.clone());
    let member = Member { id, room: &room };
    say(format!("{name} joined ({} in the room)", others.len() + 1));
    room.say(id, format!("* {name} joined"));

    // The writer runs as a task of its own, so this one can go on reading meanwhile.
    let mut writing = tokio::spawn(write_what_others_say(
        hearing,
        writer,
        id,
        room.timeouts.write,
    ));
    let why = tokio::select! {
        why = publish_lines(&mut lines, id, &name, &room) => why.to_string(),
        ended = &mut writing => match ended {
            Ok(why) => why,
            Err(e) => format!("writer failed: {e}"),
        },
    };
    writing.abort();
    drop(member);
    say(format!("{name} {why}"));
    room.say(id, format!("* {name} {why}"));
}

/// Reads the client's lines and says each one to the room, until the client hangs up or says
/// nothing for the idle timeout. Returns why it stopped.
async fn publish_lines(
    lines: &mut BufReader<OwnedReadHalf>,
    id: u64,
    name: &str,
    room: &Room,
) -> &'static str {
    loop {
        match tokio::time::timeout(room.timeouts.idle, read_line(lines)).await {
            Ok(Some(line)) => room.say(id, format!("{name}: {line}")),
            Ok(None) => return "left",
            Err(_) => return "was disconnected (said nothing for too long)",
        }
    }
}

/// Writes to the client what the others say. Returns why it stopped.
async fn write_what_others_say(
    mut hearing: broadcast::Receiver<Said>,
    mut writer: OwnedWriteHalf,
    id: u64,
    write_timeout: Duration,
) -> String {
    loop {
        let line = match hearing.recv().await {
            Ok(said) if said.from == id => continue,
            Ok(said) => format!("{}\n", said.line),
            // This client fell more than BACKLOG messages behind: the oldest are gone.
            Err(broadcast::error::RecvError::Lagged(missed)) => {
                format!("*** you missed {missed} messages (reading too slowly)\n")
            }
            Err(broadcast::error::RecvError::Closed) => return "left".to_string(),
        };
        // A client that takes nothing for this long is not coming back.
        match tokio::time::timeout(write_timeout, writer.write_all(line.as_bytes())).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return "left (connection lost)".to_string(),
            Err(_) => return "was disconnected (not reading)".to_string(),
        }
    }
}
// ANCHOR_END: client

/// The next line from the client, without its line ending or any control character; `None` when
/// it hangs up (or its connection breaks). A line longer than LONGEST_LINE is cut there, and the
/// rest read as a new line, so a client cannot make the server hold an endless line.
async fn read_line(lines: &mut BufReader<OwnedReadHalf>) -> Option<String> {
    let mut bytes = Vec::new();
    let mut limited = (&mut *lines).take(LONGEST_LINE as u64);
    match limited.read_until(b'\n', &mut bytes).await {
        Ok(0) | Err(_) => None,
        Ok(_) => Some(printable(&String::from_utf8_lossy(&bytes))),
    }
}

/// `text` without control characters: ESC (which starts the sequences that move the cursor or
/// clear a screen), `\r` (which sends the cursor back to overwrite a line), the line ending, and
/// the rest. A tab becomes a space.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .collect()
}

/// The name a client gave, or `guest-ID` if it gave none that fits on a line.
fn name_from(line: &str, id: u64) -> String {
    let name = line.trim();
    if name.is_empty() || name.chars().count() > 30 || name.starts_with('*') {
        format!("guest-{id}")
    } else {
        name.to_string()
    }
}

/// `[--port PORT] [--write-timeout SECS] [--name-timeout SECS] [--idle-timeout SECS]`.
#[derive(clap::Parser)]
// The last of an option given twice counts, as in most command-line tools.
#[command(args_override_self = true)]
struct Options {
    /// The port on 127.0.0.1 to listen on; 0 takes any free one.
    #[arg(long, default_value_t = 7878)]
    port: u16,
    /// How long a client that takes nothing may hold up what is sent to it, in seconds.
    #[arg(long = "write-timeout", value_name = "SECS", default_value = "10", value_parser = cli::seconds(0.1..=3600.0))]
    write_timeout: Duration,
    /// How long a new client has to say its name, in seconds.
    #[arg(long = "name-timeout", value_name = "SECS", default_value = "30", value_parser = cli::seconds(0.1..=3600.0))]
    name_timeout: Duration,
    /// How long a member may say nothing before it is disconnected, in seconds.
    #[arg(long = "idle-timeout", value_name = "SECS", default_value = "600", value_parser = cli::seconds(0.1..=3600.0))]
    idle_timeout: Duration,
}
