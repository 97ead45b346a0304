//! What each problem kind puts into the box and how its runs are checked, beyond the plain
//! program over stdin/stdout that [`crate::judge`] runs by itself.

pub mod function;
