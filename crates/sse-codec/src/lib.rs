//! Server-sent events, bytes in and events out, as the WHATWG HTML standard's
//! "event stream interpretation" (§9.2.6) describes them; and a small encoder for the same format.
//!
//! The [`Decoder`] is incremental and sans-IO: [`Decoder::feed`] it the bytes of a stream in chunks
//! of any size, then call [`Decoder::finish`]. The same bytes split anywhere give the same
//! [`Item`]s, byte spans and [`End`]. Decoding never fails on content: bytes that are not UTF-8 become
//! U+FFFD and lines the standard ignores are ignored.
//!
//! ```
//! use sse_codec::{Decoder, End, Item};
//!
//! let mut decoder = Decoder::new();
//! let mut items = Vec::new();
//! decoder.feed(b"event: greeting\ndata: hel", &mut items);
//! decoder.feed(b"lo\n\n", &mut items);
//! let Item::Event(event) = &items[0] else { panic!("expected an event") };
//! assert_eq!((event.event_type.as_str(), event.data.as_str()), ("greeting", "hello"));
//! assert_eq!(event.span, 0..29);
//! assert_eq!(decoder.finish(), End::Clean);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod decoder;
mod encoder;

pub use decoder::{Decoder, End, Event, EventRef, Item, ItemRef, Limit, LimitExceeded, Limits};
pub use encoder::{encode_comment, encode_event, encode_retry};
