//! The loader never panics and never modifies a file it cannot load.

use super::*;
use proptest::prelude::*;

/// Damage to a valid issue file.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        (
            any::<usize>(),
            proptest::collection::vec(any::<u8>(), 1..16)
        )
            .prop_map(|(i, v)| Mutation::Insert(i, v)),
        (any::<usize>(), 1..64usize).prop_map(|(i, n)| Mutation::Remove(i, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Truncate(i) => bytes.truncate(i % len),
        Mutation::Flip(i, x) => bytes[i % len] ^= x,
        Mutation::Insert(i, v) => {
            let at = i % (len + 1);
            bytes.splice(at..at, v.iter().copied());
        }
        Mutation::Remove(i, n) => {
            let at = i % len;
            bytes.drain(at..(at + n).min(len));
        }
    }
}

/// A valid issue file with the mutations applied.
fn damaged(ms: &[Mutation]) -> Vec<u8> {
    let mut bytes = codec::encode_issue(&full_issue()).into_bytes();
    for m in ms {
        if bytes.is_empty() {
            break;
        }
        apply(&mut bytes, m);
    }
    bytes
}

/// Writes `bytes` as an issue file of a fresh library, opens it, checks
/// the file is untouched and the library still usable.
fn open_with_file(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (dir, _) = temp_library();
    let root = dir.path().join("lib");
    let path = root.join("issues/2023-012.ron");
    fs::write(&path, bytes).unwrap();
    let mut lib = Library::open(&root).unwrap();
    prop_assert_eq!(fs::read(&path).unwrap(), bytes);
    // The sample still loads; the damaged file either loads or is reported.
    prop_assert!(lib.issue(&IssueId::new(2023, 25, false)).is_ok());
    let loaded = lib.entries().any(|(_, e)| e.path == path);
    let reported = lib.problems.iter().any(|p| p.path == path);
    // A damaged number loads, reported as not matching the file name.
    let mismatch = lib
        .problems
        .iter()
        .any(|p| p.path == path && matches!(p.kind, ProblemKind::NameMismatch { .. }));
    let consistent = if mismatch { loaded } else { loaded != reported };
    prop_assert!(consistent);
    if reported && !mismatch {
        // Nothing writes over it.
        let mut issue = full_issue();
        issue.supplement = false;
        let _ = lib.insert(issue);
        prop_assert_eq!(fs::read(&path).unwrap(), bytes);
        for p in &lib.problems {
            prop_assert!(!p.message(Lang::Zh).is_empty());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn decode_never_panics_on_arbitrary_text(text in any::<String>()) {
        let _ = codec::decode_issue(&text);
        let _ = codec::decode_settings(&text);
    }

    #[test]
    fn decode_never_panics_on_damaged_files(ms in proptest::collection::vec(mutation(), 1..6)) {
        let _ = codec::decode_issue(&String::from_utf8_lossy(&damaged(&ms)));
    }

    #[test]
    fn open_never_panics_nor_modifies_a_damaged_file(ms in proptest::collection::vec(mutation(), 1..4)) {
        open_with_file(&damaged(&ms))?;
    }

    #[test]
    fn open_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        open_with_file(&bytes)?;
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["[", "(", "Some("] {
        let text = format!("(schema: 1, bulletin: {}", open.repeat(100_000));
        assert!(codec::decode_issue(&text).is_err());
    }
}
