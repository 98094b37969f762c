#pragma once
// The task program: fixed POSIX sh text that a task runs as `sh -c PROGRAM
// slipway OP...` when the step needs more than `run.path` + `run.args`
// (composed values, files, outputs, commit metadata). All user text arrives
// in the operations, never inside the program, and is used as data: it is
// never re-parsed as shell, except the step's own script, which `sh -c`
// runs as written.
//
// Operations (each a word, some followed by an argument word):
//   n ID      the step id, for messages
//   g         read the commit sha from source/.git/HEAD (the git resource
//             checks the commit out detached) into SLIPWAY_GIT_SHA and
//             SLIPWAY_GIT_SHORT_SHA
//   T         read the tag from source/.git/ref (a tag resource writes the
//             tag name there) into SLIPWAY_GIT_TAG
//   F VAR PATH  read a file written by a step into VAR (hooks)
//   O DIR     the step's outputs: SLIPWAY_OUTPUTS=$PWD/DIR/outputs, emptied
//             (DIR is made when it is not a task output: outputs no step
//             reads are still written and checked, then dropped)
//   t TEXT    append TEXT to the accumulator
//   p         append `((` (which the pipeline file cannot hold)
//   v VAR     append the value of the variable VAR
//   e NAME    export NAME=accumulator
//   f         the accumulator is a file path
//   w / W     write the accumulator to that path (W: readable by the owner only)
//   u VAR     unset VAR (credentials, once composed)
//   d         cd to the accumulator
//   c         the accumulator is the next word of the command
//   r         run the command; a failure is remembered, outputs are still
//             saved for hooks, and the program exits with its status
//   x NAME TYPE  check output NAME (string, int, bool, duration, secret)
//             and save it as DIR/NAME for load_var
//
// Docker-in-Docker (a step with services, or with an image known only at
// run time; the task is privileged and runs a Docker image):
//   D         start dockerd unless a daemon answers, make a network for
//             this task; services and the network go away when it exits
//   K VAR     VAR holds a Docker config.json: the docker client pulls with
//             its registry credentials (DOCKER_CONFIG, readable by the task
//             user only); VAR is unset
//   i         the accumulator is the image of the next container
//   k NAME    the accumulator is the value of env NAME of the next service
//             (kept in a file, handed to `docker run -e NAME`, never argv)
//   S ALIAS   start the service ALIAS: image, env and the `c` words
//   R ALIAS PORT  wait (120 s at most) until ALIAS accepts TCP on PORT
//   Q ALIAS   wait until the `c` words succeed inside ALIAS
//   E NAME    hand env NAME of the task to the step's container
//   Then `r` runs the command in the step's image, on the network, with the
//   task's directory mounted at the same path and the working directory set.
//
// The program itself contains no `((`, so Concourse leaves it alone.

#include <string>

namespace slipway::backends::concourse {

/// The program; with `docker_in_docker`, also the functions of the
/// Docker-in-Docker operations (left out elsewhere to keep the file short).
const std::string& task_program(bool docker_in_docker = false);

}  // namespace slipway::backends::concourse
