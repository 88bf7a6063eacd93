//! Pictures: latency CDFs of the two pipelines, per stage, as SVG.

use crate::report::latency_rows;
use crate::run::RunResult;
use crate::scenario::{Scenario, StageSel};
use plotters::prelude::*;
use std::path::{Path, PathBuf};

/// Writes one CDF plot per stage into `dir`; returns the files written.
pub fn write_cdfs(sc: &Scenario, hw: &RunResult, sw: &RunResult, dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut files = Vec::new();
    for (stage, name) in [(StageSel::Oob, "oob"), (StageSel::Inband, "inband")] {
        let pick = |r: &RunResult| -> Vec<u64> {
            let mut v: Vec<u64> = r.analysis.samples.iter().filter(|s| s.stage == stage).map(|s| s.handler_latency()).collect();
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
                .caption(format!("{}: {name} latency, event to handler (CDF)", sc.name), ("sans-serif", 18))
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
            for (v, label, color) in [(&h, "hardware pipeline (router)", BLUE), (&s, "software pipeline (Dovetail-style)", RED)] {
                if v.is_empty() {
                    continue;
                }
                let n = v.len() as f64;
                let pts: Vec<(f64, f64)> = v.iter().enumerate().map(|(i, &c)| (sc.ns(c as f64) / 1000.0, (i + 1) as f64 / n)).collect();
                chart
                    .draw_series(LineSeries::new(pts, color.stroke_width(2)))
                    .map_err(|e| e.to_string())?
                    .label(label)
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2)));
            }
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.8))
                .border_style(BLACK)
                .position(SeriesLabelPosition::LowerRight)
                .draw()
                .map_err(|e| e.to_string())?;
            root.present().map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        files.push(path);
    }
    let _ = latency_rows; // the table and the plots use the same samples
    Ok(files)
}
