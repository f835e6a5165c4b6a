//! `gazette inspect`: a readable view of one article.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, bail};
use gazette_extract::tokenizer::{QuoteDir, TokenKind};
use gazette_extract::{Article, Pipeline, Record};

use crate::input::{self, Item, Payload, ReadOptions};

pub fn run(pipeline: &Pipeline, file: &Path, id: Option<&str>, show_tokens: bool) -> Result<u8> {
    let opts = ReadOptions { max_item_bytes: gazette_extract::DEFAULT_MAX_ARTICLE_BYTES, default_published: None };
    let root = file.parent().unwrap_or(Path::new(""));
    let mut found: Option<Result<Article, String>> = None;
    input::read_file(file, root, &opts, &mut |item: Item| {
        if found.as_ref().is_some_and(|f| f.is_ok()) {
            return;
        }
        let got = match item.payload {
            Payload::Article(a) => Ok(a),
            Payload::JsonLine(l) => input::parse_line(&l, &item.origin, None).map_err(|e| e.message),
            Payload::JsonValue { json, default_id } => {
                input::parse_value(&json, &default_id, &item.origin, None).map_err(|e| e.message)
            }
            Payload::Error(e) => Err(e.message),
        };
        let wanted = match (&got, id) {
            (Ok(a), Some(id)) => a.id == id,
            (Err(_), Some(_)) => false,
            _ => true,
        };
        if wanted && (found.is_none() || got.is_ok()) {
            found = Some(got);
        }
    });
    let article = match found {
        Some(Ok(a)) => a,
        Some(Err(e)) => bail!("{}: {e}", file.display()),
        None => bail!("{}: no such article", file.display()),
    };
    print!("{}", render(pipeline, &article, show_tokens));
    Ok(0)
}

/// The sentence's text with each entity mention marked `[text|entity_id]`.
fn marked(x: &gazette_extract::Extraction, text: &str, span: gazette_extract::tokenizer::Span) -> String {
    let mut out = String::new();
    let mut at = span.start;
    let mut mentions: Vec<(usize, usize, &str)> = x
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (m.start, m.end, e.entity_id.as_str())))
        .filter(|&(s, e, _)| s >= span.start && e <= span.end)
        .collect();
    mentions.sort();
    for (s, e, id) in mentions {
        out.push_str(&text[at..s]);
        let _ = write!(out, "[{}|{id}]", &text[s..e]);
        at = e;
    }
    out.push_str(&text[at..span.end]);
    out
}

fn render(pipeline: &Pipeline, article: &Article, show_tokens: bool) -> String {
    let mut s = String::new();
    let text = &article.text;
    let _ = writeln!(s, "article {}", article.id);
    if let Some(t) = &article.title {
        let _ = writeln!(s, "  title:     {t}");
    }
    for (k, v) in [("published", &article.published), ("url", &article.url), ("source", &article.source)] {
        if let Some(v) = v {
            let _ = writeln!(s, "  {k:<10} {v}");
        }
    }
    let x = match pipeline.process(article) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(s, "  error: {e}");
            return s;
        }
    };
    for rec in x.records().iter().skip(1) {
        if let Record::Error(e) = rec {
            let _ = writeln!(s, "  warning: {}", e.message);
        }
    }
    if !x.entities.is_empty() {
        let _ = writeln!(s, "  entities:");
        for e in &x.entities {
            let code = e.code.as_deref().unwrap_or("-");
            let kind = serde_json::to_value(e.kind).unwrap_or_default();
            let _ = writeln!(
                s,
                "    {:<32} {:<6} {:<8} {} ({} mentions)",
                e.entity_id,
                kind.as_str().unwrap_or(""),
                code,
                e.name,
                e.mentions.len()
            );
        }
    }
    let a = &x.analysis;
    let _ = writeln!(
        s,
        "  {} bytes, {} paragraphs, {} sentences, {} tokens\n",
        text.len(),
        a.paragraphs.len(),
        a.sentences.len(),
        a.tokens.len()
    );
    let mut si = 0;
    for (pi, p) in a.paragraphs.iter().enumerate() {
        let _ = writeln!(s, "¶{pi} [{}..{}]", p.start, p.end);
        while si < a.sentences.len() && a.sentences[si].paragraph == pi {
            let sent = &a.sentences[si];
            let _ = writeln!(s, "  s{si} [{}..{}] {}", sent.span.start, sent.span.end, marked(&x, text, sent.span));
            if show_tokens {
                let mut line = String::from("      ");
                for t in &a.tokens[sent.tokens.clone()] {
                    let tag = match t.kind {
                        TokenKind::Word => "",
                        TokenKind::Number => "/num",
                        TokenKind::Punct => "/p",
                        TokenKind::Quote(q) => match q.dir {
                            QuoteDir::Open => "/q<",
                            QuoteDir::Close => "/q>",
                            QuoteDir::Ambiguous => "/q?",
                        },
                        TokenKind::Currency => "/cur",
                        TokenKind::Symbol => "/sym",
                        TokenKind::Url => "/url",
                        TokenKind::Email => "/email",
                        TokenKind::Hashtag => "/tag",
                        TokenKind::Mention => "/at",
                    };
                    let _ = write!(line, "{}{tag} ", t.text(text));
                }
                let _ = writeln!(s, "{}", line.trim_end());
            }
            si += 1;
        }
    }
    if !x.quotes.is_empty() {
        let _ = writeln!(s, "\nquotes:");
    }
    for q in &x.quotes {
        let kind = serde_json::to_value(q.kind).unwrap_or_default();
        let cue = q.cue.as_ref().map_or("-".to_string(), |c| format!("{}/{}", c.text, c.lemma));
        let speaker = q.speaker.as_ref().map_or("-".to_string(), |sp| {
            let res = serde_json::to_value(sp.resolution).unwrap_or_default();
            match &sp.entity_id {
                Some(id) => format!("{:?} -> {id} ({})", sp.text, res.as_str().unwrap_or("")),
                None => format!("{:?} ({})", sp.text, res.as_str().unwrap_or("")),
            }
        });
        let _ = writeln!(s, "  {} {:<8} cue {cue:<16} speaker {speaker}", q.quote_id, kind.as_str().unwrap_or(""));
        for c in &q.content {
            let _ = writeln!(s, "      [{}..{}] {}", c.start, c.end, c.text.replace('\n', " "));
        }
    }
    if !x.events.is_empty() {
        let _ = writeln!(s, "\nevents:");
    }
    let actors = |list: &[gazette_extract::ActorRecord]| {
        if list.is_empty() {
            return "-".to_string();
        }
        list.iter().map(|a| format!("{}={}", a.text, a.code.as_deref().unwrap_or("?"))).collect::<Vec<_>>().join(" + ")
    };
    for e in &x.events {
        let modality = serde_json::to_value(e.modality).unwrap_or_default();
        let _ = writeln!(
            s,
            "  {} {}{} ({}) s{} \"{}\" {} -> {} [{}]",
            e.event_id,
            e.event_type.name(),
            e.mode.as_deref().map_or(String::new(), |m| format!("/{m}")),
            e.cameo,
            e.sentence.index,
            e.trigger.text,
            actors(&e.source),
            actors(&e.target),
            modality.as_str().unwrap_or("")
        );
        let mut extra = Vec::new();
        if let Some(t) = &e.time {
            let date = match (t.date, t.end_date) {
                (Some(a), Some(b)) => format!("{a}..{b}"),
                (Some(a), None) => a.to_string(),
                _ => "unresolved".to_string(),
            };
            extra.push(format!("time {:?} = {date}", t.text));
        }
        if let Some(l) = &e.location {
            extra.push(format!("in {}", l.name));
        }
        for q in &e.quantities {
            extra.push(format!("{:?} = {}{}", q.text, q.value, q.unit.map_or(String::new(), |u| format!(" {u}"))));
        }
        if let Some(a) = &e.attribution {
            extra.push(format!("told in {} by {}", a.quote_id, a.speaker.as_deref().unwrap_or("?")));
        }
        if e.mentions.len() > 1 {
            extra.push(format!("{} tellings", e.mentions.len()));
        }
        if !extra.is_empty() {
            let _ = writeln!(s, "      {}", extra.join("; "));
        }
    }
    s
}
