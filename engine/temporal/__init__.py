"""Time-aware analysis: role mentions against dated knowledge, and date inference."""
