#![no_std]
//! Not built yet: see the firmware issue.
