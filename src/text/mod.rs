pub mod rejoin;
pub mod tidy;
