//! Exporting the open issue from the app (Ctrl+E).

use super::dialog::{Confirm, ConfirmKind};
use super::{App, Overlay};
use crate::export::{self, Format};
use crate::i18n::Msg;

impl App {
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
            self.overlay = Some(Overlay::Confirm(Confirm {
                kind: ConfirmKind::Overwrite { format, contents },
                choice: 1,
            }));
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
