//! Helpers shared by the window tests: what the app remembers between runs.

use std::collections::HashMap;

use chronolane::ui::App;
use chronolane::ui::state::Persisted;

/// eframe's storage, in memory.
#[derive(Default)]
pub struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// What the app writes to its storage when it closes, read back as the next run reads it.
pub fn remembered(app: &mut App) -> Persisted {
    let mut storage = MemoryStorage::default();
    eframe::App::save(app, &mut storage);
    eframe::get_value(&storage, eframe::APP_KEY).unwrap_or_else(|| panic!("nothing saved"))
}
