#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod decoder;
mod encoder;
mod records;

pub use decoder::{
    Decoder, End, Event, EventRef, Item, ItemRef, Limit, LimitExceeded, Limits, Undispatched,
};
pub use encoder::{encode_comment, encode_event, encode_retry};
pub use records::{Framing, Record, RecordDecoder, RecordRef};
