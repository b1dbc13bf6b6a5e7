//! The token input of the reader: a stack of frames (files being read, macro
//! expansions, pushed-back tokens), read front to back.

use crate::lex::{Token, TokenKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// The tokens of a file; the number is its `\input` nesting depth.
    File(usize),
    /// A macro expansion or tokens put back.
    Inserted,
}

#[derive(Debug)]
struct Frame {
    tokens: Vec<Token>,
    pos: usize,
    kind: FrameKind,
}

#[derive(Debug, Default)]
pub struct Input {
    frames: Vec<Frame>,
    /// How many tokens have been read, less those put back (to make sure
    /// loops make progress).
    consumed: usize,
}

impl Input {
    pub fn new(tokens: Vec<Token>, kind: FrameKind) -> Self {
        let mut input = Self::default();
        input.push(tokens, kind);
        input
    }

    pub fn push(&mut self, tokens: Vec<Token>, kind: FrameKind) {
        if !tokens.is_empty() {
            self.frames.push(Frame {
                tokens,
                pos: 0,
                kind,
            });
        }
    }

    /// Puts one token back in front.
    pub fn unread(&mut self, token: Token) {
        self.consumed = self.consumed.saturating_sub(1);
        if let Some(frame) = self.frames.last_mut()
            && frame.pos > 0
            && frame.tokens[frame.pos - 1] == token
        {
            frame.pos -= 1;
            return;
        }
        self.push(vec![token], FrameKind::Inserted);
    }

    fn pop_finished(&mut self) {
        while let Some(frame) = self.frames.last() {
            if frame.pos < frame.tokens.len() {
                break;
            }
            self.frames.pop();
        }
    }

    pub fn next(&mut self) -> Option<Token> {
        self.pop_finished();
        let frame = self.frames.last_mut()?;
        let token = frame.tokens[frame.pos].clone();
        frame.pos += 1;
        self.consumed += 1;
        Some(token)
    }

    /// How many tokens have been read so far.
    pub fn consumed(&self) -> usize {
        self.consumed
    }

    pub fn peek(&mut self) -> Option<&Token> {
        self.pop_finished();
        let frame = self.frames.last()?;
        frame.tokens.get(frame.pos)
    }

    /// Whether the next tokens are an optional `[..]` (or none) and then a
    /// verbatim body, within the current frame.
    pub fn peek_past_optional_is_verbatim(&mut self) -> bool {
        self.pop_finished();
        let Some(frame) = self.frames.last() else {
            return false;
        };
        let mut depth = 0usize;
        for token in &frame.tokens[frame.pos..] {
            match &token.kind {
                TokenKind::Verbatim(_) if depth == 0 => return true,
                TokenKind::Space => {}
                TokenKind::Char('[') => depth += 1,
                TokenKind::Char(']') if depth > 0 => depth -= 1,
                TokenKind::Text(t) if t.starts_with('[') => depth += 1,
                _ if depth > 0 => {
                    if matches!(&token.kind, TokenKind::Text(t) if t.ends_with(']')) {
                        depth -= 1;
                    }
                }
                _ => return false,
            }
        }
        false
    }

    /// The `\input` depth of the innermost file being read.
    pub fn file_depth(&self) -> usize {
        self.frames
            .iter()
            .rev()
            .find_map(|f| match f.kind {
                FrameKind::File(depth) => Some(depth),
                FrameKind::Inserted => None,
            })
            .unwrap_or(0)
    }

    /// Drops the rest of the innermost file (after `\end{document}`, `\endinput`).
    pub fn end_file(&mut self) {
        while let Some(frame) = self.frames.pop() {
            if matches!(frame.kind, FrameKind::File(_)) {
                break;
            }
        }
    }
}
