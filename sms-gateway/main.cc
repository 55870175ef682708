// sms-gateway: the province's gateway daemon and its operator commands
// (docs/gateway.md). main only dispatches: cli/cli_app.h parses the command
// line; `serve` (cli/serve_command.h) runs the HTTP API until SIGINT/SIGTERM,
// logging one line per request to stderr.
#include <iostream>

#include "cli/cli_app.h"

int main(int argc, char** argv) {
  return dvc::gateway::RunGatewayCli(argc, argv, std::cout, std::cerr);
}
