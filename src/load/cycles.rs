//! Contributions that refer to themselves, directly or round a loop.
//!
//! `revision_of` and `depends_on` order documents: a revision comes after
//! what it revises, a dependant is treated after what it depends on. A loop
//! (`A -> B -> A`) is an order no session plan can satisfy, so it is an
//! error at load time that names the loop, not a "treat X first" warning
//! that can never be met. `companion_of` is no order (two documents may be
//! each other's companion), but a document is not its own companion.
//!
//! One depth-first search with three colours per relation: every
//! contribution and every reference is visited once, so the work is linear
//! in the size of the file.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::model::Meeting;

/// Most loops reported per relation: a generated file could hold a great
/// many, and the first few say what to fix.
const MAX_REPORTED: usize = 20;

/// One reference from a contribution to another.
struct Edge {
    to: usize,
    span: Range<usize>,
    field: String,
}

/// The self-references and the loops of `revision_of` and `depends_on`
/// in the week. `resolve` gives the (meeting, contribution) index of a
/// number, revisions included; unknown numbers are reported elsewhere.
pub(crate) fn reference_cycles(
    meetings: &[Meeting],
    resolve: impl Fn(&str) -> Option<(usize, usize)>,
) -> Vec<Diagnostic> {
    let mut offsets = Vec::with_capacity(meetings.len());
    let mut total = 0;
    for m in meetings {
        offsets.push(total);
        total += m.contributions.len();
    }
    let node = |(mi, ci): (usize, usize)| offsets[mi] + ci;
    let mut out = Vec::new();
    let mut depends: Vec<Vec<Edge>> = (0..total).map(|_| Vec::new()).collect();
    let mut revises: Vec<Vec<Edge>> = (0..total).map(|_| Vec::new()).collect();
    for (mi, m) in meetings.iter().enumerate() {
        for (ci, c) in m.contributions.iter().enumerate() {
            let from = node((mi, ci));
            let mut refs: Vec<(&str, String, &crate::model::loc::Loc<String>)> = Vec::new();
            if let Some(r) = &c.revision_of {
                refs.push(("revision_of", format!("contributions[{ci}].revision_of"), r));
            }
            if let Some(r) = &c.companion_of {
                refs.push((
                    "companion_of",
                    format!("contributions[{ci}].companion_of"),
                    r,
                ));
            }
            for (j, d) in c.depends_on.iter().enumerate() {
                refs.push((
                    "depends_on",
                    format!("contributions[{ci}].depends_on[{j}]"),
                    d,
                ));
            }
            for (kind, field, r) in refs {
                let Some(to) = resolve(r.as_str()).map(node) else {
                    continue;
                };
                if to == from {
                    out.push(
                        Diagnostic::error(
                            "reference-cycle",
                            format!(
                                "contribution {} names itself in `{kind}`",
                                c.number.as_str()
                            ),
                        )
                        .at(m.file, r.span.clone(), "this is the contribution itself")
                        .field(field)
                        .help(format!(
                            "`{kind}` names another contribution; remove it or write the number meant"
                        )),
                    );
                    continue;
                }
                let edge = Edge {
                    to,
                    span: r.span.clone(),
                    field,
                };
                match kind {
                    "revision_of" => revises[from].push(edge),
                    "depends_on" => depends[from].push(edge),
                    _ => {}
                }
            }
        }
    }
    let number = |n: usize| {
        let mi = offsets.partition_point(|&o| o <= n) - 1;
        (
            mi,
            meetings[mi].contributions[n - offsets[mi]].number.as_str(),
        )
    };
    for (kind, graph) in [("revision_of", &revises), ("depends_on", &depends)] {
        for (from, edge, path) in loops(graph) {
            let (mi, _) = number(from);
            let names: Vec<&str> = path.iter().map(|&n| number(n).1).collect();
            let shown = format!("{} -> {}", names.join(" -> "), names[0]);
            out.push(
                Diagnostic::error(
                    "reference-cycle",
                    format!("`{kind}` goes round in a loop: {shown}"),
                )
                .at(meetings[mi].file, edge.span.clone(), "closes the loop")
                .field(edge.field.clone())
                .help(format!(
                    "a loop of `{kind}` is an order no plan can keep; remove one of its references"
                )),
            );
        }
    }
    out
}

/// The loops of `graph`, at most [`MAX_REPORTED`]: for each, the node whose
/// edge closes it, that edge, and the nodes of the loop in order from the
/// node the edge goes to.
fn loops(graph: &[Vec<Edge>]) -> Vec<(usize, &Edge, Vec<usize>)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Colour {
        White,
        Grey,
        Black,
    }
    let mut colour = vec![Colour::White; graph.len()];
    let mut found = Vec::new();
    for root in 0..graph.len() {
        if colour[root] != Colour::White {
            continue;
        }
        // The path being explored: each node with the index of its next edge.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        colour[root] = Colour::Grey;
        while let Some(&mut (n, ref mut next)) = stack.last_mut() {
            let Some(edge) = graph[n].get(*next) else {
                colour[n] = Colour::Black;
                stack.pop();
                continue;
            };
            *next += 1;
            match colour[edge.to] {
                Colour::White => {
                    colour[edge.to] = Colour::Grey;
                    stack.push((edge.to, 0));
                }
                Colour::Grey if found.len() < MAX_REPORTED => {
                    let at = stack.iter().position(|&(m, _)| m == edge.to).unwrap_or(0);
                    found.push((n, edge, stack[at..].iter().map(|&(m, _)| m).collect()));
                }
                _ => {}
            }
        }
    }
    found
}
