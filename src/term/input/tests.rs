use super::*;

fn k(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

const N: KeyModifiers = KeyModifiers::NONE;
const S: KeyModifiers = KeyModifiers::SHIFT;
const A: KeyModifiers = KeyModifiers::ALT;
const C: KeyModifiers = KeyModifiers::CONTROL;

/// Every event of `bytes`, as if the client sent them in one packet.
fn all(bytes: &[u8]) -> Vec<Event> {
    let mut d = Decoder::new();
    let mut v = d.feed(bytes);
    v.extend(d.flush());
    v
}

fn one(bytes: &[u8]) -> Event {
    let v = all(bytes);
    assert_eq!(v.len(), 1, "{bytes:?} gave {v:?}");
    v.into_iter().next().unwrap()
}

#[test]
fn xterm_and_windows_terminal() {
    use KeyCode::*;
    for (bytes, code, mods) in [
        (&b"\x1b[A"[..], Up, N),
        (b"\x1b[1;3A", Up, A),
        (b"\x1b[1;5B", Down, C),
        (b"\x1b[1;2C", Right, S),
        (b"\x1b[1;6D", Left, S | C),
        (b"\x1b[H", Home, N),
        (b"\x1b[F", End, N),
        (b"\x1b[1;5H", Home, C),
        (b"\x1b[1;5F", End, C),
        (b"\x1b[5~", PageUp, N),
        (b"\x1b[6;5~", PageDown, C),
        (b"\x1b[2~", Insert, N),
        (b"\x1b[3~", Delete, N),
        (b"\x1b[3;2~", Delete, S),
        (b"\x1bOP", F(1), N),
        (b"\x1bOS", F(4), N),
        (b"\x1b[1;2P", F(1), S),
        (b"\x1b[1;5R", F(3), C),
        (b"\x1b[15~", F(5), N),
        (b"\x1b[17~", F(6), N),
        (b"\x1b[21~", F(10), N),
        (b"\x1b[23~", F(11), N),
        (b"\x1b[24~", F(12), N),
        (b"\x1b[24;2~", F(12), S),
        (b"\x1b[Z", BackTab, S),
    ] {
        assert_eq!(one(bytes), k(code, mods), "{bytes:?}");
    }
}

#[test]
fn putty_and_kitty_defaults() {
    use KeyCode::*;
    for (bytes, code, mods) in [
        // Alt+arrows: ESC before the arrow's own sequence.
        (&b"\x1b\x1b[A"[..], Up, A),
        (b"\x1b\x1b[B", Down, A),
        // Ctrl+arrows arrive in the application-mode form.
        (b"\x1bOA", Up, C),
        (b"\x1bOB", Down, C),
        (b"\x1bOC", Right, C),
        (b"\x1bOD", Left, C),
        // F1–F5 and Home/End as ESC [ n ~.
        (b"\x1b[11~", F(1), N),
        (b"\x1b[12~", F(2), N),
        (b"\x1b[13~", F(3), N),
        (b"\x1b[14~", F(4), N),
        (b"\x1b[1~", Home, N),
        (b"\x1b[4~", End, N),
        // Alt+letter, Alt+F-key.
        (b"\x1bz", Char('z'), A),
        (b"\x1b\x1b[15~", F(5), A),
        // Backspace as DEL or as Ctrl+H.
        (b"\x7f", Backspace, N),
        (b"\x08", Backspace, N),
    ] {
        assert_eq!(one(bytes), k(code, mods), "{bytes:?}");
    }
}

#[test]
fn rxvt_linux_console_and_vt100_modes() {
    use KeyCode::*;
    for (bytes, code, mods) in [
        (&b"\x1b[a"[..], Up, S),
        (b"\x1b[d", Left, S),
        (b"\x1bOa", Up, C),
        (b"\x1bOc", Right, C),
        (b"\x1b[7~", Home, N),
        (b"\x1b[8~", End, N),
        (b"\x1b[7^", Home, C),
        (b"\x1b[8$", End, S),
        (b"\x1b[[A", F(1), N),
        (b"\x1b[[E", F(5), N),
        (b"\x1bO5A", Up, C),
        (b"\x1bOH", Home, N),
        (b"\x1bOM", Enter, N),
    ] {
        assert_eq!(one(bytes), k(code, mods), "{bytes:?}");
    }
}

#[test]
fn control_bytes_and_text() {
    assert_eq!(one(b"\r"), k(KeyCode::Enter, N));
    assert_eq!(one(b"\t"), k(KeyCode::Tab, N));
    assert_eq!(one(b"\x13"), k(KeyCode::Char('s'), C));
    assert_eq!(one(b"\x00"), k(KeyCode::Char(' '), C));
    assert_eq!(one(b"A"), k(KeyCode::Char('A'), S));
    // An IME commits several characters at once.
    assert_eq!(
        all("简报".as_bytes()),
        vec![k(KeyCode::Char('简'), N), k(KeyCode::Char('报'), N)]
    );
    // Bytes that are not UTF-8 are dropped, the rest kept.
    assert_eq!(all(b"\xffa"), vec![k(KeyCode::Char('a'), N)]);
}

#[test]
fn a_lone_esc_waits_and_two_escs_are_two_keys() {
    let mut d = Decoder::new();
    assert!(d.feed(b"\x1b").is_empty());
    assert!(d.waiting());
    assert_eq!(d.flush(), vec![k(KeyCode::Esc, N)]);
    assert!(!d.waiting());
    assert_eq!(
        all(b"\x1b\x1b"),
        vec![k(KeyCode::Esc, N), k(KeyCode::Esc, N)]
    );
    // A sequence split across two reads is still one key.
    let mut d = Decoder::new();
    assert!(d.feed(b"\x1b[1;").is_empty());
    assert_eq!(d.feed(b"5A"), vec![k(KeyCode::Up, C)]);
    let mut d = Decoder::new();
    assert!(d.feed(b"\x1b\x1b").is_empty(), "maybe PuTTY's Alt+arrow");
    assert_eq!(d.feed(b"[A"), vec![k(KeyCode::Up, A)]);
}

#[test]
fn pastes_mice_and_reports() {
    assert_eq!(
        all(b"\x1b[200~\xe7\xae\x80\r\n\x1b[31m\x1b[201~x"),
        vec![
            Event::Paste("简\r\n\x1b[31m".into()),
            k(KeyCode::Char('x'), N)
        ]
    );
    // A paste in pieces, the end marker split too.
    let mut d = Decoder::new();
    assert!(d.feed(b"\x1b[200~ab").is_empty());
    assert!(d.feed(b"c\x1b[20").is_empty());
    assert_eq!(d.feed(b"1~"), vec![Event::Paste("abc".into())]);
    match one(b"\x1b[<0;10;5M") {
        Event::Mouse(m) => {
            assert_eq!(m.kind, MouseEventKind::Down(MouseButton::Left));
            assert_eq!((m.column, m.row), (9, 4));
        }
        other => panic!("{other:?}"),
    }
    match one(b"\x1b[<65;1;1M") {
        Event::Mouse(m) => assert_eq!(m.kind, MouseEventKind::ScrollDown),
        other => panic!("{other:?}"),
    }
    // Focus reports and cursor position reports are not keys.
    assert!(all(b"\x1b[I\x1b[O\x1b[12;40R").is_empty());
}

mod random {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any bytes, cut anywhere: no panic, and the same events as when
        /// they arrive at once.
        #[test]
        fn any_bytes_in_any_pieces_decode_alike(
            bytes in prop::collection::vec(prop_oneof![
                Just(0x1bu8), Just(b'['), Just(b'O'), Just(b'~'), Just(b';'), Just(b'1'),
                Just(b'5'), Just(b'A'), Just(b'<'), Just(b'M'), Just(0xe7), Just(0xae),
                Just(0x80), any::<u8>(),
            ], 0..64),
            cuts in prop::collection::vec(0usize..64, 0..8),
        ) {
            let whole = all(&bytes);
            let mut d = Decoder::new();
            let mut got = Vec::new();
            let mut cuts: Vec<usize> = cuts.into_iter().filter(|c| *c <= bytes.len()).collect();
            cuts.sort();
            let mut at = 0;
            for c in cuts.into_iter().chain([bytes.len()]) {
                got.extend(d.feed(&bytes[at..c]));
                at = c;
            }
            got.extend(d.flush());
            prop_assert_eq!(got, whole);
        }
    }
}

/// A cursor position report among keys (the encoding probe's answer) is
/// kept for the probe, and the keys around it are not lost; `CSI 1;5 R` is
/// still Ctrl+F3.
#[test]
fn cursor_reports_are_taken_apart_from_the_keys() {
    let mut d = Decoder::new();
    let events = d.feed(b"\x1b[B\x1b[24;5R\r");
    assert_eq!(
        events,
        vec![
            k(KeyCode::Down, KeyModifiers::NONE),
            k(KeyCode::Enter, KeyModifiers::NONE)
        ]
    );
    assert_eq!(d.take_report(), Some((4, 23)));
    assert_eq!(d.take_report(), None);
    // Split across reads, as a slow link delivers it.
    assert!(d.feed(b"\x1b[30;").is_empty());
    assert!(d.feed(b"7R").is_empty());
    assert_eq!(d.take_report(), Some((6, 29)));
    assert_eq!(one(b"\x1b[1;5R"), k(KeyCode::F(3), KeyModifiers::CONTROL));
    // Esc pressed just before the answer came: the Esc key and the report,
    // not an "Alt+report" that swallows both.
    let events = d.feed(b"\x1b\x1b[24;5R");
    assert_eq!(events, vec![k(KeyCode::Esc, KeyModifiers::NONE)]);
    assert_eq!(d.take_report(), Some((4, 23)));
}
