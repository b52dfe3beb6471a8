//! Durations as each language says them: `2h 30m`, `1d 3h`, `2w` in
//! English; `2小时30分钟`, `1天3小时`, `2周` in Chinese. Minutes are the
//! finest a clock or an age is shown in; speaking times go to the second.

use super::Lang;

impl Lang {
    /// `d` to the minute, in the largest two units that matter; its sign
    /// is left to the sentence around it (`… ago`, `in …`).
    pub fn duration(self, d: chrono::Duration) -> String {
        let minutes = d.num_minutes().unsigned_abs();
        let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
        let weeks = (hours == 0 && days % 7 == 0 && days >= 14).then_some(days / 7);
        match self {
            Lang::En => match (days, hours, mins) {
                (0, 0, m) => format!("{m}m"),
                (0, h, 0) => format!("{h}h"),
                (0, h, m) => format!("{h}h {m}m"),
                _ if weeks.is_some() => format!("{}w", weeks.unwrap_or_default()),
                (d, 0, _) => format!("{d}d"),
                (d, h, _) => format!("{d}d {h}h"),
            },
            Lang::Zh => match (days, hours, mins) {
                (0, 0, m) => format!("{m}分钟"),
                (0, h, 0) => format!("{h}小时"),
                (0, h, m) => format!("{h}小时{m}分钟"),
                _ if weeks.is_some() => format!("{}周", weeks.unwrap_or_default()),
                (d, 0, _) => format!("{d}天"),
                (d, h, _) => format!("{d}天{h}小时"),
            },
        }
    }

    /// `d` in its largest unit only, for a card's age: `8d`, `8天`.
    pub fn duration_largest(self, d: chrono::Duration) -> String {
        let full = self.duration(d);
        let end = full
            .char_indices()
            .skip_while(|(_, c)| c.is_ascii_digit())
            .find(|(_, c)| c.is_ascii_digit() || *c == ' ')
            .map_or(full.len(), |(i, _)| i);
        full[..end].to_string()
    }

    /// Punctuation that joins pieces of a sentence the code builds: the
    /// full-width forms inside Chinese (`。` `：` `（` `）` `；` `，`).
    pub fn punct(self, en: &'static str) -> &'static str {
        match (self, en) {
            (Lang::En, _) => en,
            (Lang::Zh, ".") => "。",
            (Lang::Zh, ": ") => "：",
            (Lang::Zh, " (") => "（",
            (Lang::Zh, ")") => "）",
            (Lang::Zh, "; ") => "；",
            (Lang::Zh, ", ") => "，",
            (Lang::Zh, _) => en,
        }
    }

    /// `text` with the spaces English puts after a sentence's stop taken
    /// out where the stop is full-width.
    pub fn tidy(self, text: String) -> String {
        match self {
            Lang::En => text,
            Lang::Zh => text.replace("。 ", "。").replace("； ", "；"),
        }
    }

    /// A speaking time: `3m 10s`, `27s`; `3分10秒`, `27秒`.
    pub fn seconds(self, seconds: u32) -> String {
        let (m, s) = (seconds / 60, seconds % 60);
        match self {
            Lang::En => match (m, s) {
                (0, s) => format!("{s}s"),
                (m, 0) => format!("{m}m"),
                (m, s) => format!("{m}m {s}s"),
            },
            Lang::Zh => match (m, s) {
                (0, s) => format!("{s}秒"),
                (m, 0) => format!("{m}分钟"),
                (m, s) => format!("{m}分{s}秒"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn each_language_says_a_duration_its_way() {
        let cases = [
            (Duration::minutes(18), "18m", "18分钟"),
            (Duration::minutes(120), "2h", "2小时"),
            (Duration::minutes(150), "2h 30m", "2小时30分钟"),
            (Duration::minutes(27 * 60 + 5), "1d 3h", "1天3小时"),
            (Duration::days(14), "2w", "2周"),
            (Duration::days(-3), "3d", "3天"),
            (Duration::minutes(8 * 1440 + 21 * 60), "8d 21h", "8天21小时"),
        ];
        for (d, en, zh) in cases {
            assert_eq!(Lang::En.duration(d), en);
            assert_eq!(Lang::Zh.duration(d), zh);
        }
        let age = Duration::minutes(8 * 1440 + 21 * 60);
        assert_eq!(Lang::En.duration_largest(age), "8d");
        assert_eq!(Lang::Zh.duration_largest(age), "8天");
        assert_eq!(Lang::Zh.duration_largest(Duration::minutes(150)), "2小时");
        assert_eq!(Lang::En.seconds(27), "27s");
        assert_eq!(Lang::Zh.seconds(27), "27秒");
        assert_eq!(Lang::Zh.seconds(190), "3分10秒");
    }
}
