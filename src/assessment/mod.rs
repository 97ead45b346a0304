//! Timed assessments: templates (what an assessment asks, [`template`]) and sessions (one
//! candidate's sitting, its problems fixed and its time kept by the store's clock,
//! [`session`]). Grading the evidence is [`crate::grading`]'s: this module keeps time and state,
//! that one is arithmetic.

pub mod session;
pub mod template;
