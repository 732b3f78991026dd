//! Experiments that test the book's claims about learning. Each returns its data; the figures
//! in [`crate::figure`] and the book's blocks are drawn from that data, never from copied
//! numbers. Every random choice comes from [`Rng`] with a fixed seed.

pub mod dead;
pub mod depth;
pub mod learning;
pub mod mlp;
pub mod neuron;
pub mod numerics;
mod rng;
pub mod shift;
pub mod spiral;
pub mod zigzag;

pub use rng::Rng;
