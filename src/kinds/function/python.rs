//! The python driver (being written).

use super::Program;
use crate::problem::signature::Signature;

pub fn program(_signature: Signature<'_>, _source: &str) -> Program {
    todo!()
}

pub fn starter(_signature: Signature<'_>) -> String {
    todo!()
}
