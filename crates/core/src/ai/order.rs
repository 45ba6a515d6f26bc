//! Protocol order: the rules each dialect's events follow beyond their shapes — a part (a
//! content block, a text part, a message, a tool call) started before its deltas and stopped
//! after them, and all stopped before the message ends; nothing after the terminator. A break is
//! an [`OrderFault`] naming the part and the event (numbered from 1, as the timeline shows them).

/// A break in a dialect's event order, with its likely cause and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFault {
    /// The log index of the event where the order broke.
    pub event: usize,
    /// What was seen, naming the part and the event numbers.
    pub title: String,
    /// The likely cause.
    pub cause: String,
    /// What to do.
    pub fix: String,
}

/// Faults kept per answer: a stream out of order throughout says so in the first ones.
pub const MAX_ORDER_FAULTS: usize = 20;

/// How a dialect names one kind of part and the events that start and stop it (`content block`,
/// `content_block_start`, `content_block_stop`).
#[derive(Debug)]
pub(super) struct PartKind {
    /// The part, for people.
    pub what: &'static str,
    /// The event that starts it.
    pub start: &'static str,
    /// The event that stops it.
    pub stop: &'static str,
}

/// One started part.
#[derive(Debug)]
struct Part {
    kind: &'static PartKind,
    id: String,
    started: usize,
    /// Where it was stopped, once it was.
    stopped: Option<usize>,
}

/// The parts a stream has started, by kind and id, to tell each delta and stop whether its part
/// is open. A part whose first sign is a delta is taken as started there (after its fault), so
/// one missing start is one fault, not one per delta.
#[derive(Debug, Default)]
pub(super) struct Parts {
    parts: Vec<Part>,
}

impl Parts {
    fn find(&mut self, kind: &PartKind, id: &str) -> Option<&mut Part> {
        // The latest first: an id may be reused once its part has stopped.
        self.parts
            .iter_mut()
            .rev()
            .find(|part| std::ptr::eq(part.kind, kind) && part.id == id)
    }

    /// Whether part `id` of `kind` is open.
    pub fn is_open(&mut self, kind: &PartKind, id: &str) -> bool {
        self.find(kind, id)
            .is_some_and(|part| part.stopped.is_none())
    }

    /// Part `id` of `kind` starts at `event`; a fault if it is already open.
    pub fn start(&mut self, kind: &'static PartKind, id: &str, event: usize) -> Option<OrderFault> {
        let fault = match self.find(kind, id) {
            Some(part) if part.stopped.is_none() => Some(fault(
                event,
                format!(
                    "{} {} was started again by {} at event #{} (first at event #{})",
                    kind.what,
                    shown(id),
                    kind.start,
                    event + 1,
                    part.started + 1
                ),
                format!(
                    "The server sent a second {} for an open {}.",
                    kind.start, kind.what
                ),
                format!(
                    "Give each {} its own id, and send {} once it is done.",
                    kind.what, kind.stop
                ),
            )),
            _ => None,
        };
        if fault.is_none() {
            self.push(kind, id, event, None);
        }
        fault
    }

    /// Event `event`, a `delta` of part `id` of `kind`: a fault unless the part is open.
    pub fn delta(
        &mut self,
        kind: &'static PartKind,
        id: &str,
        delta: &str,
        event: usize,
    ) -> Option<OrderFault> {
        let found = self.find(kind, id).map(|part| part.stopped);
        let fault = match found {
            Some(None) => return None,
            Some(Some(stopped)) => fault(
                event,
                format!(
                    "{delta} for {} {} at event #{} came after its {} (event #{})",
                    kind.what,
                    shown(id),
                    event + 1,
                    kind.stop,
                    stopped + 1
                ),
                format!(
                    "The server went on writing to a {} it had stopped.",
                    kind.what
                ),
                format!("Send {} only after the last {delta}.", kind.stop),
            ),
            None => not_started(kind, id, delta, event),
        };
        self.reopen(kind, id, event);
        Some(fault)
    }

    /// Part `id` of `kind` stops at `event`: a fault unless it is open.
    pub fn stop(&mut self, kind: &'static PartKind, id: &str, event: usize) -> Option<OrderFault> {
        match self.find(kind, id) {
            Some(part) if part.stopped.is_none() => {
                part.stopped = Some(event);
                None
            }
            Some(part) => Some(fault(
                event,
                format!(
                    "{} {} was stopped twice: {} at event #{} and at event #{}",
                    kind.what,
                    shown(id),
                    kind.stop,
                    part.stopped.map_or(0, |stopped| stopped + 1),
                    event + 1
                ),
                format!(
                    "The server sent a second {} for one {}.",
                    kind.stop, kind.what
                ),
                format!("Send {} once per {}.", kind.stop, kind.what),
            )),
            None => {
                // Taken as started and stopped here: one fault, not one per later event.
                self.push(kind, id, event, Some(event));
                Some(not_started(kind, id, kind.stop, event))
            }
        }
    }

    /// `what` (an event type, described) arrives at `event`, which needs every part stopped: a
    /// fault for each part still open, which is then taken as stopped.
    pub fn all_stopped(&mut self, what: &str, event: usize) -> Vec<OrderFault> {
        let mut faults = Vec::new();
        for part in &mut self.parts {
            if part.stopped.is_some() {
                continue;
            }
            part.stopped = Some(event);
            faults.push(fault(
                event,
                format!(
                    "{} {} (started at event #{}) was not stopped before {what} at event #{}",
                    part.kind.what,
                    shown(&part.id),
                    part.started + 1,
                    event + 1
                ),
                format!(
                    "Its {} is missing or came late: the server skipped it, or the stream was \
                     cut and stitched.",
                    part.kind.stop
                ),
                format!(
                    "Send {} for every {} before {what}.",
                    part.kind.stop, part.kind.what
                ),
            ));
        }
        faults
    }

    /// How many parts of `kind` have been started.
    pub fn count(&self, kind: &PartKind) -> usize {
        self.parts
            .iter()
            .filter(|part| std::ptr::eq(part.kind, kind))
            .count()
    }

    fn reopen(&mut self, kind: &'static PartKind, id: &str, event: usize) {
        match self.find(kind, id) {
            Some(part) => part.stopped = None,
            None => self.push(kind, id, event, None),
        }
    }

    fn push(&mut self, kind: &'static PartKind, id: &str, started: usize, stopped: Option<usize>) {
        self.parts.push(Part {
            kind,
            id: id.to_owned(),
            started,
            stopped,
        });
    }
}

fn not_started(kind: &PartKind, id: &str, what: &str, event: usize) -> OrderFault {
    fault(
        event,
        format!(
            "{what} for {} {} at event #{} came before its {}",
            kind.what,
            shown(id),
            event + 1,
            kind.start
        ),
        format!(
            "The {} was never started: its {} is missing or came late.",
            kind.what, kind.start
        ),
        format!(
            "Send {} before anything else of that {}.",
            kind.start, kind.what
        ),
    )
}

/// An id as shown in a title: quoted unless it is an index.
fn shown(id: &str) -> String {
    if !id.is_empty() && id.bytes().all(|byte| byte.is_ascii_digit()) {
        id.to_owned()
    } else {
        format!("\u{201c}{id}\u{201d}")
    }
}

/// A fault at `event`; its title begins with a capital.
pub(super) fn fault(event: usize, mut title: String, cause: String, fix: String) -> OrderFault {
    if let Some(first) = title.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    OrderFault {
        event,
        title,
        cause,
        fix,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static PART: PartKind = PartKind {
        what: "text part",
        start: "text-start",
        stop: "text-end",
    };

    #[test]
    fn a_stop_without_a_start_is_one_fault_and_a_second_stop_another() {
        let mut parts = Parts::default();
        let first = parts.stop(&PART, "t", 4).map(|fault| fault.title);
        assert_eq!(
            first.as_deref(),
            Some("Text-end for text part \u{201c}t\u{201d} at event #5 came before its text-start")
        );
        assert!(!parts.is_open(&PART, "t"));
        assert!(parts.all_stopped("finish", 6).is_empty());
        let second = parts.stop(&PART, "t", 7).map(|fault| fault.title);
        assert_eq!(
            second.as_deref(),
            Some(
                "Text part \u{201c}t\u{201d} was stopped twice: text-end at event #5 and at event #8"
            )
        );
    }
}
