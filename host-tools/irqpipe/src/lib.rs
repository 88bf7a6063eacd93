pub mod defmt_log;
