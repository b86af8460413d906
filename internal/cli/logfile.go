package cli

import (
	"errors"
	"fmt"
	"os"
)

// The log file in the data folder, and how it is rotated.
const (
	LogFileName = "boletos.log"
	// LogMaxSize is the size above which the log is set aside at start-up
	// as boletos.log.1 (the older ones becoming .2 and .3).
	LogMaxSize = 5 << 20
	// LogKeep is how many old logs are kept.
	LogKeep = 3
)

// rotateLog sets path aside as path.1 when it is larger than maxSize,
// shifting path.1 … path.(keep-1) up by one and dropping path.keep. It runs
// at start-up, before the log is opened, so no writer holds the file.
func rotateLog(path string, maxSize int64, keep int) error {
	st, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if st.Size() <= maxSize || keep < 1 {
		return nil
	}
	old := func(n int) string { return fmt.Sprintf("%s.%d", path, n) }
	if err := os.Remove(old(keep)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for n := keep - 1; n >= 1; n-- {
		if err := os.Rename(old(n), old(n+1)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return os.Rename(path, old(1))
}
