"""querylog."""
