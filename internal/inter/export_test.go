package inter

import "time"

// SetRateWindow rescales c's per-endpoint limiters to a window other than
// one minute. The contract tests run the simulator on a fast clock, so that
// its one-minute windows last seconds; the client's limiters must follow.
// Call it before c is used.
func SetRateWindow(c *Client, window time.Duration) {
	c.limits = newLimiters(c.profile, window)
}
