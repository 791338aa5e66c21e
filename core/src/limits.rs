//! Limits are contract: every input has a documented bound, and a request past one is refused with a
//! typed `limit_exceeded` error naming the limit, the value and the JSON path — before the work (and,
//! where the host can check first, before the memory) that it would cost. The defaults fit every real
//! case of the plan with a wide margin (a worker has a handful of claims a year); a host may set its own
//! per engine ([`crate::Engine::with_limits`]) or per CLI flag. `spec/errors.md` lists them.

/// One of the limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Bytes of one request's text.
    RequestBytes,
    /// JSON values (objects, arrays, strings, numbers…) in one request, counted before it is parsed.
    Values,
    /// Claims in one `mutual_aid.adjudicate` request.
    Claims,
    /// Tier changes of one policy.
    Changes,
    /// Lines of one `checkup.quote` request.
    QuoteLines,
    /// Elements of any other array of an input.
    Items,
}

impl Limit {
    /// Every limit.
    pub const ALL: [Limit; 6] = [
        Limit::RequestBytes,
        Limit::Values,
        Limit::Claims,
        Limit::Changes,
        Limit::QuoteLines,
        Limit::Items,
    ];

    /// The stable snake_case name (the `limit` of a `limit_exceeded` error, the CLI flag `--max-<name>`).
    pub const fn name(self) -> &'static str {
        match self {
            Limit::RequestBytes => "request_bytes",
            Limit::Values => "values",
            Limit::Claims => "claims",
            Limit::Changes => "changes",
            Limit::QuoteLines => "quote_lines",
            Limit::Items => "items",
        }
    }

    /// From the name.
    pub fn parse(name: &str) -> Option<Limit> {
        Limit::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// The limits one engine holds requests to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Bytes of one request's text (4 MiB).
    pub request_bytes: usize,
    /// JSON values in one request (100,000): a parsed request stays small in memory.
    pub values: usize,
    /// Claims in one adjudication (1,000).
    pub claims: usize,
    /// Tier changes of one policy (20).
    pub changes: usize,
    /// Lines of one checkup quote (10,000).
    pub quote_lines: usize,
    /// Elements of any other array (10,000).
    pub items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

impl Limits {
    /// The defaults.
    pub const DEFAULT: Limits = Limits {
        request_bytes: 4 << 20,
        values: 100_000,
        claims: 1_000,
        changes: 20,
        quote_lines: 10_000,
        items: 10_000,
    };

    /// The value of `limit`.
    pub const fn get(&self, limit: Limit) -> usize {
        match limit {
            Limit::RequestBytes => self.request_bytes,
            Limit::Values => self.values,
            Limit::Claims => self.claims,
            Limit::Changes => self.changes,
            Limit::QuoteLines => self.quote_lines,
            Limit::Items => self.items,
        }
    }

    /// These limits with `limit` set to `value`.
    pub const fn with(mut self, limit: Limit, value: usize) -> Limits {
        match limit {
            Limit::RequestBytes => self.request_bytes = value,
            Limit::Values => self.values = value,
            Limit::Claims => self.claims = value,
            Limit::Changes => self.changes = value,
            Limit::QuoteLines => self.quote_lines = value,
            Limit::Items => self.items = value,
        }
        self
    }
}
