//! Pictures: latency CDFs of the two pipelines, per stage, as SVG.

use crate::run::RunResult;
use crate::scenario::{Scenario, StageSel};
use plotters::prelude::*;
use std::path::{Path, PathBuf};

/// Writes one CDF plot per stage into `dir`; returns the files written.
pub fn write_cdfs(
    sc: &Scenario,
    hw: &RunResult,
    sw: &RunResult,
    dir: &Path,
) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for (stage, name) in [(StageSel::Oob, "oob"), (StageSel::Inband, "inband")] {
        let pick = |r: &RunResult| -> Vec<u64> {
            let mut v: Vec<u64> = r
                .analysis
                .samples
                .iter()
                .filter(|s| s.stage == stage)
                .map(|s| s.handler_latency())
                .collect();
            if stage == StageSel::Oob {
                v.extend(r.analysis.timers.iter().map(|&(_, due, start)| start - due));
            }
            v.sort_unstable();
            v
        };
        let (h, s) = (pick(hw), pick(sw));
        if h.is_empty() && s.is_empty() {
            continue;
        }
        let path = dir.join(format!("latency-cdf-{name}.svg"));
        let max_us = sc.ns(*h.last().unwrap_or(&1).max(s.last().unwrap_or(&1)) as f64) / 1000.0;
        {
            let root = SVGBackend::new(&path, (800, 500)).into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            let mut chart = ChartBuilder::on(&root)
                .caption(
                    format!("{}: {name} latency, event to handler (CDF)", sc.name),
                    ("sans-serif", 18),
                )
                .margin(15)
                .x_label_area_size(40)
                .y_label_area_size(50)
                .build_cartesian_2d(0f64..max_us * 1.05, 0f64..1.0)
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .x_desc("latency (µs)")
                .y_desc("fraction of events")
                .draw()
                .map_err(|e| e.to_string())?;
            for (v, label, color) in [
                (&h, "hardware pipeline (router)", BLUE),
                (&s, "software pipeline (Dovetail-style)", RED),
            ] {
                if v.is_empty() {
                    continue;
                }
                let n = v.len() as f64;
                let pts: Vec<(f64, f64)> = v
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| (sc.ns(c as f64) / 1000.0, (i + 1) as f64 / n))
                    .collect();
                chart
                    .draw_series(LineSeries::new(pts, color.stroke_width(2)))
                    .map_err(|e| e.to_string())?
                    .label(label)
                    .legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
                    });
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .position(SeriesLabelPosition::LowerRight)
                .draw()
                .map_err(|e| e.to_string())?;
            root.present()
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        files.push(path);
    }
    if let Some(p) = write_router_histogram(hw, dir)? {
        files.push(p);
    }
    Ok(files)
}

/// The router's own claim-latency histogram (all pages of a stage summed)
/// beside the one the software observed for the same claims: two bars per
/// log2 bucket that must be equal.
fn write_router_histogram(hw: &RunResult, dir: &Path) -> Result<Option<PathBuf>, String> {
    let Some(st) = &hw.router else {
        return Ok(None);
    };
    let path = dir.join("router-histogram.svg");
    let mut sw = [[0u64; 16]; 2];
    for s in &hw.analysis.samples {
        sw[(s.stage == StageSel::Oob) as usize]
            [crate::analysis::bucket(s.claim_latency() & 0xFFFF)] += 1;
    }
    let router = |si: usize, b: usize| st.hist.iter().map(|h| h[si][b] as u64).sum::<u64>();
    let top = (0..16)
        .flat_map(|b| [router(0, b), router(1, b), sw[0][b], sw[1][b]])
        .max()
        .unwrap_or(1)
        .max(1);
    {
        let root = SVGBackend::new(&path, (900, 500)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let areas = root.split_evenly((1, 2));
        for (area, (si, name)) in areas.iter().zip([(1usize, "oob"), (0, "in-band")]) {
            let mut chart = ChartBuilder::on(area)
                .caption(
                    format!("{name}: claim latency, router vs software"),
                    ("sans-serif", 16),
                )
                .margin(12)
                .x_label_area_size(40)
                .y_label_area_size(50)
                .build_cartesian_2d(0f64..16f64, 0f64..(top as f64 * 1.1))
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .x_desc("log2 bucket of cycles")
                .y_desc("claims")
                .draw()
                .map_err(|e| e.to_string())?;
            for (k, (label, color)) in [("router HIST registers", BLUE), ("software-observed", RED)]
                .into_iter()
                .enumerate()
            {
                let bars: Vec<Rectangle<(f64, f64)>> = (0..16)
                    .map(|b| {
                        let v = if k == 0 { router(si, b) } else { sw[si][b] } as f64;
                        let x0 = b as f64 + 0.1 + 0.4 * k as f64;
                        Rectangle::new([(x0, 0.0), (x0 + 0.38, v)], color.mix(0.7).filled())
                    })
                    .collect();
                chart
                    .draw_series(bars)
                    .map_err(|e| e.to_string())?
                    .label(label)
                    .legend(move |(x, y)| {
                        Rectangle::new([(x, y - 5), (x + 12, y + 5)], color.filled())
                    });
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .draw()
                .map_err(|e| e.to_string())?;
        }
        root.present()
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(Some(path))
}
