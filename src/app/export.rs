//! Exporting the open issue from the app (Ctrl+E).

use super::dialog::{Confirm, ConfirmKind};
use super::form::Form;
use super::{App, Overlay};
use crate::export::{self, Format};
use crate::i18n::Msg;

impl App {
    /// The export form: the format, and whether to print the contents.
    pub(super) fn open_export(&mut self) {
        match &self.doc {
            Some(_) => {
                let contents = self.lib.settings.export.contents;
                self.overlay = Some(Overlay::Form(Form::export(contents)));
            }
            None => self.notify(self.lang.t(Msg::NoIssueOpen).to_string()),
        }
    }

    /// Exports the open issue as shown (unsaved edits included) into the
    /// library's `exports/` folder; asks before replacing a file.
    pub(super) fn export(&mut self, format: Format, contents: bool, overwrite: bool) {
        let Some(doc) = self.doc.as_mut() else { return };
        doc.flush();
        let doc = &*doc;
        let lang = self.lang;
        let mut settings = self.lib.settings.export.clone();
        settings.contents = contents;
        let path = export::default_path(self.lib.root(), &doc.id, format);
        if !overwrite && path.exists() {
            let ask = Confirm::new(ConfirmKind::Overwrite { format, contents }, 1);
            self.overlay = Some(Overlay::Confirm(ask));
            return;
        }
        let result = export::render_in(&doc.issue, format, &settings, Some(self.lib.root()))
            .and_then(|r| {
                export::create_exports_dir(self.lib.root())?;
                export::write(&path, &r.bytes, overwrite)?;
                Ok(r.font_note(lang))
            });
        match result {
            Ok(note) => {
                let done = lang.fmt(Msg::ExportDone, &[&path.display(), &format.name(lang)]);
                self.notify(match note {
                    Some(note) => format!("{done} {note}"),
                    None => done,
                })
            }
            Err(e) => self.notify_error(e.message(lang)),
        }
    }
}
