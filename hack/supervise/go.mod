module dev.slipway/hack/supervise

go 1.22
