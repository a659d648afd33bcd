//! Opening a library: making a new one (or finishing one whose creation
//! was cut short), reading the issue files through the index, and noticing
//! files that appear later.

use super::*;

impl Library {
    /// Opens the library at `root`. A missing or empty directory becomes a
    /// new library holding the sample issue.
    pub fn open(root: &Path) -> Result<Library, StoreError> {
        Self::open_with(root, Arc::new(RealFs))
    }

    /// Opens the library at `root` only if there is one: for commands that
    /// read (`list`, `export`, `check`, `search`), which must not leave a new
    /// library behind a mistyped path. [`StoreError::NoLibrary`] otherwise.
    pub fn open_existing(root: &Path) -> Result<Library, StoreError> {
        Self::open_mode(root, Arc::new(RealFs), false)
    }

    /// [`Library::open`] with every file operation going through `fs`.
    pub fn open_with(root: &Path, fs: Arc<dyn Fs>) -> Result<Library, StoreError> {
        Self::open_mode(root, fs, true)
    }

    pub(super) fn open_mode(
        root: &Path,
        fs: Arc<dyn Fs>,
        create: bool,
    ) -> Result<Library, StoreError> {
        // `.state/` alone (a log opened before the library) is still empty,
        // and so is a fresh clone of an empty repository (`.git/` alone).
        let names = match fs.read_dir(root) {
            Ok(names) => names,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(root)(e)),
        };
        let is_new = names.iter().all(|p| {
            p.file_name() == Some(STATE_DIR.as_ref()) || p.file_name() == Some(GIT_DIR.as_ref())
        });
        let unfinished = !is_new && creation_interrupted(fs.as_ref(), root, &names);
        if (is_new || unfinished) && !create {
            return Err(StoreError::NoLibrary(root.to_path_buf()));
        }
        let mut lib = Library {
            root: root.to_path_buf(),
            settings: Settings::default(),
            entries: BTreeMap::new(),
            problems: Vec::new(),
            fs,
            index: Catalog::load(root),
        };
        if is_new || unfinished {
            lib.create()?;
            lib.index.save_if_dirty(root);
            if unfinished {
                tracing::warn!(root = %root.display(), "finished creating a library whose creation was interrupted");
            } else {
                tracing::info!(root = %root.display(), "created library");
            }
            return Ok(lib);
        }
        let settings_path = root.join(SETTINGS_FILE);
        let has_settings = lib.fs.metadata(&settings_path).is_ok();
        let has_issues = lib.fs.metadata(&lib.issues_dir()).is_ok_and(|m| m.is_dir());
        if !has_settings && !has_issues {
            return Err(StoreError::NotALibrary(root.to_path_buf()));
        }
        if has_settings {
            match read_text(lib.fs.as_ref(), &settings_path)
                .and_then(|(text, _)| codec::decode_settings(&text).map_err(ProblemKind::Decode))
            {
                Ok(s) => lib.settings = s,
                Err(kind) => lib.problems.push(Problem {
                    path: settings_path,
                    kind,
                }),
            }
        }
        lib.scan()?;
        lib.index.save_if_dirty(root);
        tracing::info!(
            root = %root.display(),
            issues = lib.entries.len(),
            problems = lib.problems.len(),
            "opened library"
        );
        for p in &lib.problems {
            tracing::warn!("{}", p.message(Lang::En));
        }
        Ok(lib)
    }

    /// Makes a new library: `issues/` with the sample issue, `.gitignore`,
    /// and last `library.ron`, whose presence marks the library complete: a
    /// creation cut short (a full disk, a kill) is finished by the next open
    /// (see [`creation_interrupted`]), never left half-made.
    pub(super) fn create(&mut self) -> Result<(), StoreError> {
        let issues = self.issues_dir();
        self.fs.create_dir_all(&issues).map_err(io_err(&issues))?;
        let sample = codec::decode_issue(SAMPLE_ISSUE).expect("bundled sample issue parses");
        self.settings = Settings {
            bulletin: sample.bulletin.clone(),
            issuer: sample.issuer.clone(),
            sections: sample.sections.iter().map(|s| s.title.clone()).collect(),
            closing: sample.closing.clone(),
            ..Settings::default()
        };
        // A library is often a git repository: keep editors' state out of it.
        let ignore = self.root.join(GITIGNORE);
        atomic::write_with(
            self.fs.as_ref(),
            &ignore,
            format!("/{STATE_DIR}/\n").as_bytes(),
        )
        .map_err(io_err(&ignore))?;
        match self.insert(sample) {
            // Written by the interrupted creation, unchanged.
            Err(StoreError::Exists(_)) => self.scan()?,
            other => {
                other?;
            }
        }
        self.save_settings()
    }

    /// Loads every `*.ron` in `issues/`, in name order.
    pub(super) fn scan(&mut self) -> Result<(), StoreError> {
        self.refresh().map(|_| ())
    }

    /// Adds issue files that appeared since the library was opened (another
    /// jianbao, `jianbao new`, git); returns how many issues were added.
    /// Files already known, listed or broken, are not read again. A file
    /// the index knows as it is now is not read at all.
    pub fn refresh(&mut self) -> Result<usize, StoreError> {
        let dir = self.issues_dir();
        let names: Vec<PathBuf> = match self.fs.read_dir(&dir) {
            Ok(names) => names.into_iter().filter(|p| is_issue_name(p)).collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let known: HashSet<&Path> = self
            .entries
            .values()
            .map(|e| e.path.as_path())
            .chain(self.problems.iter().map(|p| p.path.as_path()))
            .collect();
        let mut paths: Vec<PathBuf> = names
            .iter()
            .filter(|p| !known.contains(p.as_path()))
            .cloned()
            .collect();
        paths.sort();
        let before = self.entries.len();
        for path in paths {
            let meta = self.fs.metadata(&path).ok();
            if meta.as_ref().is_some_and(|m| m.is_dir()) {
                self.problems.push(Problem {
                    path,
                    kind: ProblemKind::Directory,
                });
                continue;
            }
            match self.read_entry(&path, meta.as_ref()) {
                Ok(entry) => {
                    let id = entry.summary.id();
                    if let Some(first) = self.entries.get(&id) {
                        self.problems.push(Problem {
                            path,
                            kind: ProblemKind::Duplicate(first.path.clone()),
                        });
                        continue;
                    }
                    if !entry.name_matches(&id) {
                        self.problems.push(Problem {
                            path: path.clone(),
                            kind: ProblemKind::NameMismatch { content: id },
                        });
                    }
                    self.entries.insert(id, entry);
                }
                Err(kind) => self.problems.push(Problem { path, kind }),
            }
        }
        let present: HashSet<String> = names.iter().filter_map(|p| file_name(p)).collect();
        self.index.retain_names(&present);
        Ok(self.entries.len() - before)
    }

    /// The entry for the issue file at `path` (whose metadata, taken before
    /// reading, is `meta`): from the index when it knows the file as it is,
    /// else read and parsed (and the index told).
    pub(super) fn read_entry(
        &mut self,
        path: &Path,
        meta: Option<&std::fs::Metadata>,
    ) -> Result<Entry, ProblemKind> {
        let name = file_name(path).unwrap_or_default();
        let stamp = meta.and_then(Stamp::of);
        if let Some(meta) = meta {
            match self.index.lookup(&name, meta) {
                Lookup::Valid(ix) => {
                    if let Some(fingerprint) = ix.fingerprint() {
                        return Ok(Entry {
                            path: path.to_path_buf(),
                            summary: ix.summary.clone(),
                            fingerprint: Some(fingerprint),
                            issue: None,
                        });
                    }
                }
                // Possibly changed within the same clock tick: the content decides.
                Lookup::Racy(ix) => {
                    let (text, fingerprint) = read_text(self.fs.as_ref(), path)?;
                    if ix.content_hash() == Some(fingerprint.hash) {
                        let summary = ix.summary.clone();
                        self.index.confirm(&name);
                        return Ok(Entry {
                            path: path.to_path_buf(),
                            summary,
                            fingerprint: Some(fingerprint),
                            issue: None,
                        });
                    }
                    let entry = decode_entry(path, &text, fingerprint)?;
                    self.index_entry(&name, stamp, &entry);
                    return Ok(entry);
                }
                Lookup::Unknown => {}
            }
        }
        let mut entry = load_issue(self.fs.as_ref(), path)?;
        self.index_entry(&name, stamp, &entry);
        // Only the summary is kept: the text is read again when opened.
        entry.issue = None;
        Ok(entry)
    }

    /// Tells the index what the file `name`, stamped `stamp` before it was
    /// read, holds.
    pub(super) fn index_entry(&mut self, name: &str, stamp: Option<Stamp>, entry: &Entry) {
        if let (Some(stamp), Some(fp)) = (stamp, entry.fingerprint) {
            self.index
                .record(name, stamp, fp.hash, entry.summary.clone());
        }
    }

    /// Tells the index about a file this library has just written.
    pub(super) fn index_written(
        &mut self,
        path: &Path,
        fingerprint: &Fingerprint,
        summary: &IssueSummary,
    ) {
        if let (Some(name), Some(modified)) = (file_name(path), fingerprint.modified) {
            let stamp = Stamp::new(fingerprint.len, modified);
            self.index
                .record(&name, stamp, fingerprint.hash, summary.clone());
        }
    }

    /// Writes what the index learned since the library was opened (done at
    /// open and after a search; a failure is only logged).
    pub fn save_index(&mut self) {
        let root = self.root.clone();
        self.index.save_if_dirty(&root);
    }
}

/// Whether the folder `root`, holding `names`, is a library whose creation
/// was cut short: no `library.ron` yet, nothing but what creation writes,
/// and at most the untouched sample issue in `issues/`.
pub(super) fn creation_interrupted(fs: &dyn Fs, root: &Path, names: &[PathBuf]) -> bool {
    let made_by_create = |p: &PathBuf| {
        p.file_name()
            .is_some_and(|n| n == STATE_DIR || n == GITIGNORE || n == ISSUES_DIR || n == GIT_DIR)
    };
    if !names.iter().all(made_by_create) {
        return false;
    }
    let Ok(issues) = fs.read_dir(&root.join(ISSUES_DIR)) else {
        return true;
    };
    let sample = codec::encode_issue(&codec::decode_issue(SAMPLE_ISSUE).expect("sample parses"));
    issues.iter().all(|p| {
        let temp = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') && n.ends_with(atomic::TEMP_SUFFIX));
        temp || fs.read(p).is_ok_and(|b| b == sample.as_bytes())
    })
}

/// `*.ron`, not hidden (temp files are hidden and end in `.tmp` anyway).
pub(super) fn is_issue_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "ron")
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !n.starts_with('.'))
}

/// The file's text and its fingerprint.
pub(super) fn read_text(fs: &dyn Fs, path: &Path) -> Result<(String, Fingerprint), ProblemKind> {
    let bytes = fs.read(path).map_err(|e| ProblemKind::from_io(&e))?;
    let modified = fs.metadata(path).ok().and_then(|m| m.modified().ok());
    let fingerprint = Fingerprint::new(&bytes, modified);
    let text = String::from_utf8(bytes)
        .map_err(|e| ProblemKind::not_utf8(e.as_bytes(), &e.utf8_error()))?;
    Ok((text, fingerprint))
}

/// Reads and parses the issue file at `path` (the entry holds the issue).
pub(super) fn load_issue(fs: &dyn Fs, path: &Path) -> Result<Entry, ProblemKind> {
    let (text, fingerprint) = read_text(fs, path)?;
    decode_entry(path, &text, fingerprint)
}

pub(super) fn decode_entry(
    path: &Path,
    text: &str,
    fingerprint: Fingerprint,
) -> Result<Entry, ProblemKind> {
    let issue = codec::decode_issue(text).map_err(ProblemKind::Decode)?;
    tracing::debug!(path = %path.display(), bytes = fingerprint.len, "read issue");
    Ok(Entry::loaded(path.to_path_buf(), issue, Some(fingerprint)))
}

/// The name of the file at `path`, as the index keys it.
pub(super) fn file_name(path: &Path) -> Option<String> {
    path.file_name()?.to_str().map(str::to_string)
}
