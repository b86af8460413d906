package pix

import "testing"

func TestCRC16(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want uint16
	}{
		{"standard check value", "123456789", 0x29B1},
		{"empty input keeps the initial value", "", 0xFFFF},
		{"one byte", "A", 0xB915},
		{"BCB static example", bcbStatic[:len(bcbStatic)-4], 0x1D3D},
		{"Inter cobv", interCobv[:len(interCobv)-4], 0xEE2E},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := CRC16([]byte(tt.in)); got != tt.want {
				t.Errorf("CRC16(%q) = %04X, want %04X", tt.in, got, tt.want)
			}
		})
	}
}
