//! What agendum writes from a week: calendars ([`ics`]) and documents
//! ([`render`]).

pub mod history;
pub mod ics;
pub mod mail;
pub mod render;
pub mod site;
