//! Where output bytes go: [`Put`], and [`Sink`], the `dyn` form every writer of a
//! dump's output takes (the rewrite engine, the converter, the worker pool, the
//! compressing [`Output`]).
//!
//! [`Output`]: crate::io::output::Output

/// Where output bytes go: any `FnMut(&[u8]) -> Result<()>`, or an [`Output`]
/// that can take a filled buffer whole instead of copying it.
///
/// [`Output`]: crate::io::output::Output
pub trait Put {
    /// Write `bytes`.
    fn put(&mut self, bytes: &[u8]) -> crate::Result<()>;
    /// Write the bytes of `v` and leave it empty (possibly another buffer, when the
    /// output kept `v` itself).
    fn put_vec(&mut self, v: &mut Vec<u8>) -> crate::Result<()> {
        self.put(v)?;
        v.clear();
        Ok(())
    }
}

impl<F: FnMut(&[u8]) -> crate::Result<()>> Put for F {
    fn put(&mut self, bytes: &[u8]) -> crate::Result<()> {
        self(bytes)
    }
}

/// Sink for output bytes.
pub type Sink<'s> = dyn Put + 's;
