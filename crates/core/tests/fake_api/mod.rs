//! A tiny HTTP/1.1 server on 127.0.0.1 for the sync tests: it answers each
//! GET with what the test's handler returns and records every request and
//! connection. Shared by the core's and the CLI's sync tests.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Req {
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
}

impl Req {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn params(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(body: impl Into<String>) -> Resp {
        Resp {
            status: 200,
            headers: vec![],
            body: body.into(),
        }
    }
    pub fn status(status: u16, body: impl Into<String>) -> Resp {
        Resp {
            status,
            headers: vec![],
            body: body.into(),
        }
    }
    pub fn with_header(mut self, name: &str, value: &str) -> Resp {
        self.headers.push((name.into(), value.into()));
        self
    }
}

type Handler = dyn Fn(&Req, usize) -> Resp + Send + Sync;

/// The running server. It lives until the test process ends.
pub struct FakeApi {
    pub url: String,
    pub requests: Arc<Mutex<Vec<Req>>>,
    pub connections: Arc<AtomicUsize>,
}

impl FakeApi {
    /// Starts a server; the handler gets each request and how many requests
    /// came before it to the same path.
    pub fn start(handler: impl Fn(&Req, usize) -> Resp + Send + Sync + 'static) -> FakeApi {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("addr"));
        let requests = Arc::new(Mutex::new(Vec::<Req>::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let handler: Arc<Handler> = Arc::new(handler);
        let (reqs, conns) = (requests.clone(), connections.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                conns.fetch_add(1, Ordering::SeqCst);
                let (reqs, handler) = (reqs.clone(), handler.clone());
                std::thread::spawn(move || serve(stream, &reqs, &*handler));
            }
        });
        FakeApi {
            url,
            requests,
            connections,
        }
    }

    pub fn requests(&self) -> Vec<Req> {
        self.requests.lock().expect("lock").clone()
    }

    pub fn requests_to(&self, path: &str) -> Vec<Req> {
        self.requests()
            .into_iter()
            .filter(|r| r.path == path)
            .collect()
    }

    pub fn connection_count(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve(stream: TcpStream, reqs: &Mutex<Vec<Req>>, handler: &Handler) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut stream = stream;
    {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let mut headers = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let query = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (decode(k), decode(v))
            })
            .collect();
        let req = Req {
            path: path.to_owned(),
            query,
            headers,
        };
        let before = {
            let mut all = reqs.lock().expect("lock");
            let n = all.iter().filter(|r| r.path == req.path).count();
            all.push(req.clone());
            n
        };
        let resp = handler(&req, before);
        let mut head = format!(
            "HTTP/1.1 {} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
            resp.status,
            resp.body.len()
        );
        for (k, v) in &resp.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(resp.body.as_bytes());
        let _ = stream.flush();
    }
}

/// An OpenAI costs page: buckets of (day start unix s, [(line item, project, value)]).
/// A day's results: (line item, project, value).
pub type CostResults<'a> = &'a [(&'a str, &'a str, &'a str)];

pub fn openai_costs_page(buckets: &[(i64, CostResults<'_>)], next: Option<&str>) -> String {
    let data: Vec<String> = buckets
        .iter()
        .map(|(start, results)| {
            let rs: Vec<String> = results
                .iter()
                .map(|(item, project, value)| {
                    format!(
                        r#"{{"object":"organization.costs.result","amount":{{"value":{value},"currency":"usd"}},"line_item":"{item}","project_id":"{project}"}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"object":"bucket","start_time":{start},"end_time":{},"results":[{}]}}"#,
                start + 86400,
                rs.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"object":"page","data":[{}],"has_more":{},"next_page":{}}}"#,
        data.join(","),
        next.is_some(),
        next.map_or("null".to_owned(), |n| format!("\"{n}\""))
    )
}

/// An OpenAI completions usage page with one result per bucket.
pub fn openai_usage_page(buckets: &[(i64, i64, i64)], next: Option<&str>) -> String {
    let data: Vec<String> = buckets
        .iter()
        .map(|(start, input, output)| {
            format!(
                r#"{{"object":"bucket","start_time":{start},"end_time":{},"results":[{{"object":"organization.usage.completions.result","input_tokens":{input},"output_tokens":{output},"input_cached_tokens":0,"num_model_requests":3,"project_id":"proj_a","model":"gpt-4o-mini"}}]}}"#,
                start + 86400
            )
        })
        .collect();
    format!(
        r#"{{"object":"page","data":[{}],"has_more":{},"next_page":{}}}"#,
        data.join(","),
        next.is_some(),
        next.map_or("null".to_owned(), |n| format!("\"{n}\""))
    )
}

/// An Anthropic cost_report page: buckets of (day, [(description, cents)]).
pub fn anthropic_cost_page(buckets: &[(&str, &[(&str, &str)])], next: Option<&str>) -> String {
    let data: Vec<String> = buckets
        .iter()
        .map(|(day, results)| {
            let rs: Vec<String> = results
                .iter()
                .map(|(desc, cents)| {
                    format!(
                        r#"{{"amount":"{cents}","currency":"USD","cost_type":"tokens","description":"{desc}","model":"claude-sonnet-4","token_type":"output_tokens","service_tier":"standard","workspace_id":"wrkspc_1"}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"starting_at":"{day}T00:00:00Z","ending_at":"{day}T23:59:59Z","results":[{}]}}"#,
                rs.join(",")
            )
        })
        .collect();
    format!(
        r#"{{"data":[{}],"has_more":{},"next_page":{}}}"#,
        data.join(","),
        next.is_some(),
        next.map_or("null".to_owned(), |n| format!("\"{n}\""))
    )
}

/// An Anthropic usage_report/messages page with one result per bucket.
pub fn anthropic_usage_page(buckets: &[(&str, i64, i64)], next: Option<&str>) -> String {
    let data: Vec<String> = buckets
        .iter()
        .map(|(day, input, output)| {
            format!(
                r#"{{"starting_at":"{day}T00:00:00Z","ending_at":"{day}T23:59:59Z","results":[{{"uncached_input_tokens":{input},"cache_read_input_tokens":0,"cache_creation":{{"ephemeral_1h_input_tokens":0,"ephemeral_5m_input_tokens":0}},"output_tokens":{output},"server_tool_use":{{"web_search_requests":0}},"api_key_id":null,"workspace_id":"wrkspc_1","model":"claude-sonnet-4","service_tier":"standard","context_window":"0-200k"}}]}}"#
            )
        })
        .collect();
    format!(
        r#"{{"data":[{}],"has_more":{},"next_page":{}}}"#,
        data.join(","),
        next.is_some(),
        next.map_or("null".to_owned(), |n| format!("\"{n}\""))
    )
}
