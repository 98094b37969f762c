// The Docker Engine client against the real engine (skipped without one).

#include <gtest/gtest.h>

#include <unistd.h>

#include "runtime/docker/run_resources.h"
#include "runtime/engine/stream_demux.h"
#include "runtime/engine/tar.h"
#include "tests/runtime/engine_harness.h"

namespace slipway::runtime {
namespace {

using namespace engine;

// With this process's pid and host, so a concurrent `slipway gc` keeps them.
const std::map<std::string, std::string> kLabels = {{"slipway.run", "engine-client-test"},
                                                    {"slipway.pid", std::to_string(::getpid())},
                                                    {"slipway.host", docker::host_name()}};

TEST(EngineClient, NegotiatesTheApiVersion) {
  SLIPWAY_REQUIRE_ENGINE();
  EXPECT_EQ(engine->api_version(), "1.41");
}

TEST(EngineClient, ContainerLifecycleStreamsAndArchives) {
  SLIPWAY_REQUIRE_ENGINE();
  ContainerSpec spec;
  spec.image = test::kTestImage;
  spec.cmd = std::vector<std::string>{"sh", "-c", "cat /data/in.txt; echo to-stderr >&2; printf 'no newline'; exit 3"};
  spec.labels = kLabels;
  auto id = engine->create_container(spec);
  ASSERT_TRUE(id) << id.error().describe();
  TarWriter tar;
  tar.add_file("data/in.txt", "from the archive\n");
  ASSERT_TRUE(engine->put_archive(*id, "/", tar.finish()));
  auto stream = engine->attach(*id, false);
  ASSERT_TRUE(stream) << stream.error().describe();
  ASSERT_TRUE(engine->start_container(*id));
  StreamDemux demux;
  std::vector<StreamLine> lines;
  std::string buffer;
  while ((*stream)->read(buffer, 5000) != RawConnection::ReadStatus::Closed) {
    demux.feed(buffer, lines);
    buffer.clear();
  }
  demux.finish(lines);
  auto code = engine->wait_container(*id);
  ASSERT_TRUE(code);
  EXPECT_EQ(*code, 3);
  // stdout and stderr are separate pipes: order is kept within a stream only.
  std::vector<std::string> out, err;
  for (const auto& l : lines) (l.stream == StreamKind::Stderr ? err : out).push_back(l.text);
  EXPECT_EQ(out, (std::vector<std::string>{"from the archive", "no newline"}));
  EXPECT_EQ(err, std::vector<std::string>{"to-stderr"});
  auto back = engine->get_archive(*id, "/data/in.txt");
  ASSERT_TRUE(back);
  auto entries = read_tar(*back);
  ASSERT_TRUE(entries && entries->size() == 1);
  EXPECT_EQ((*entries)[0].content, "from the archive\n");
  auto listed = engine->list_containers("slipway.run=engine-client-test");
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->size(), 1u);
  EXPECT_TRUE(engine->remove_container(*id));
  auto gone = engine->inspect_container(*id);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().kind, EngineError::Kind::NotFound);
}

TEST(EngineClient, VolumesNetworksAndTypedErrors) {
  SLIPWAY_REQUIRE_ENGINE();
  // Its own label: ctest runs the container test in parallel, and its
  // container must not be counted here.
  std::map<std::string, std::string> labels = labels;
  labels["slipway.run"] = "engine-client-test-objects";
  ASSERT_TRUE(engine->create_volume("slipway-engine-client-test", labels));
  auto net = engine->create_network("slipway-engine-client-test", labels);
  ASSERT_TRUE(net) << net.error().describe();
  auto dup = engine->create_network("slipway-engine-client-test", labels);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, EngineError::Kind::Conflict);
  EXPECT_EQ(test::labelled_objects(*engine, "slipway.run=engine-client-test-objects").size(), 2u);
  EXPECT_TRUE(engine->remove_network(*net));
  EXPECT_TRUE(engine->remove_volume("slipway-engine-client-test"));
  auto missing = engine->inspect_image("slipway-test/does-not-exist:1");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, EngineError::Kind::NotFound);
  auto pulled = engine->pull_image("slipway-test/does-not-exist:1");
  ASSERT_FALSE(pulled);
  EXPECT_FALSE(pulled.error().message.empty());
}

TEST(EngineClient, UnreachableEngineIsATypedError) {
  auto endpoint = parse_docker_host(std::string("unix:///nonexistent/docker.sock"));
  auto client = EngineClient::connect(*endpoint);
  ASSERT_FALSE(client);
  EXPECT_EQ(client.error().kind, EngineError::Kind::Unreachable);
  EXPECT_EQ(unreachable_message(*endpoint, client.error()),
            "cannot reach the Docker engine at unix:///nonexistent/docker.sock: No such file or directory");
}

}  // namespace
}  // namespace slipway::runtime
