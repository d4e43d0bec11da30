// RTNeural's compile-time API (ModelT) on the benchmark descriptors, timed the way bench/Rnn.StepTimer times
// the generated code: same input signal, same checksum, same command line, one line out:
//
//   harness --model lstm_1x32 [--warmup-seconds 2] [--seconds 2] [--models-dir bench/Rnn.Benchmarks/Models]
//   -> rtneural-<build> <model> <ns per step> <checksum> <backend>:<instruction set>
//
// Build with bench/rtneural/build.sh (RTNeural is never committed here: point the script at a checkout).
// The network is RNN(I -> H) + Dense(H -> 1): RTNeural::ModelT<float, I, 1, LSTMLayerT<float, I, H>,
// DenseT<float, H, 1>> and the same with GRULayerT. The descriptor's tensors are PyTorch's (gate orders
// i, f, g, o and r, z, n; weight_ih [G*H, I], weight_hh [G*H, H]), so they go through RTNeural's own PyTorch
// loaders (torch_helpers::loadLSTM / loadGRU / loadDense), which transpose them, swap GRU's r and z
// blocks and sum LSTM's two biases; RTNeural's GRU keeps PyTorch's reset-after form (b_hn inside r * (...)).

#if RTNEURAL_USE_XSIMD
#include <xsimd/xsimd.hpp>
#if XSIMD_VERSION_MAJOR < 9
// xsimd 8 (Debian 12's libxsimd-dev 8.1) calls the horizontal sum hadd; RTNeural calls it reduce_add.
namespace xsimd
{
template <class T, class A>
inline T reduce_add(batch<T, A> const& x) noexcept { return hadd(x); }
} // namespace xsimd
#endif
#endif

#include <RTNeural/RTNeural.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#ifndef HARNESS_BUILD
#define HARNESS_BUILD "unnamed"
#endif

// The shapes compiled in, X(kind, inputs, hidden); build.sh passes one entry per lstm_/gru_ descriptor it finds.
#ifndef HARNESS_SHAPES
#define HARNESS_SHAPES                                                                         \
    X(lstm, 1, 8) X(lstm, 1, 16) X(lstm, 1, 32) X(lstm, 1, 64) X(lstm, 1, 128) X(lstm, 64, 64) \
    X(gru, 1, 8) X(gru, 1, 16) X(gru, 1, 32) X(gru, 1, 64) X(gru, 1, 128) X(gru, 64, 64)
#endif

namespace
{
using nlohmann::json;

template <int I, int H>
using lstm_model = RTNeural::ModelT<float, I, 1, RTNeural::LSTMLayerT<float, I, H>, RTNeural::DenseT<float, H, 1>>;

template <int I, int H>
using gru_model = RTNeural::ModelT<float, I, 1, RTNeural::GRULayerT<float, I, H>, RTNeural::DenseT<float, H, 1>>;

// Keep these three the same as bench/Rnn.StepTimer/InputSignal.cs.
constexpr int checksum_steps = 1000; // outputs summed from zero state
constexpr int timing_values = 1024; // most input values the timed loop cycles through
constexpr int steps_per_call = 64; // the .NET timer's default call length, which sets its buffer length

constexpr int steps_per_check = 512; // steps between clock reads
constexpr int alignment = 64; // RTNeural loads inputs with aligned loads of up to 512 bits

/// x[t, i] = sin(0.05 t + 0.3 i) in double, rounded to float; each step starts on a 64-byte boundary.
struct Signal
{
    Signal(int steps, int inputs)
        : stride((inputs + alignment / 4 - 1) / (alignment / 4) * (alignment / 4)),
          values(static_cast<float*>(std::aligned_alloc(alignment, sizeof(float) * steps * stride)), &std::free)
    {
        for(int t = 0; t < steps; ++t)
            for(int i = 0; i < stride; ++i)
                values.get()[t * stride + i] = i < inputs ? (float)std::sin(0.05 * t + 0.3 * i) : 0.0f;
    }

    const float* step(int t) const { return values.get() + t * stride; }

    int stride;
    std::unique_ptr<float, decltype(&std::free)> values;
};

[[noreturn]] void fail(const std::string& message)
{
    std::fprintf(stderr, "harness: %s\n", message.c_str());
    std::exit(2);
}

/// PyTorch's 2-D tensor [rows, columns] from a descriptor's flat row-major array. nlohmann reads each
/// decimal as a double, then it is rounded to float: in rare cases one ulp from the descriptor's rule (the
/// float nearest the decimal), far below what the checksums can see.
json rows(const json& flat, int count, int columns)
{
    json out = json::array();
    for(int r = 0; r < count; ++r)
        out.push_back(std::vector<float>(flat.begin() + r * columns, flat.begin() + (r + 1) * columns));
    return out;
}

/// The descriptor's tensors as a PyTorch state_dict ("rnn.*_l0", "dense.*"): what RTNeural's torch_helpers read.
json state_dict(const json& descriptor, const std::string& kind, int inputs, int hidden)
{
    const auto& layers = descriptor.at("layers");
    if(descriptor.contains("input_normalization") || layers.size() != 2)
        fail("expected exactly one recurrent layer and one dense layer, without input_normalization");
    const auto& rnn = layers[0];
    const auto& dense = layers[1];
    if(rnn.at("type") != kind || rnn.at("input_size") != inputs || rnn.at("hidden_size") != hidden)
        fail("layers[0] is not " + kind + " " + std::to_string(inputs) + " -> " + std::to_string(hidden));
    if(dense.at("type") != "dense" || dense.at("units") != 1 || dense.value("activation", "linear") != "linear")
        fail("layers[1] is not a dense layer with 1 linear unit");

    const int gates = kind == "lstm" ? 4 : 3;
    json dict;
    dict["rnn.weight_ih_l0"] = rows(rnn.at("weight_ih"), gates * hidden, inputs);
    dict["rnn.weight_hh_l0"] = rows(rnn.at("weight_hh"), gates * hidden, hidden);
    dict["rnn.bias_ih_l0"] = rnn.at("bias_ih");
    dict["rnn.bias_hh_l0"] = rnn.at("bias_hh");
    dict["dense.weight"] = rows(dense.at("weight"), 1, hidden);
    dict["dense.bias"] = dense.at("bias");
    return dict;
}

template <typename Layer>
void load_recurrent(const json& dict, Layer& layer);

template <int I, int H>
void load_recurrent(const json& dict, RTNeural::LSTMLayerT<float, I, H>& layer) { RTNeural::torch_helpers::loadLSTM<float>(dict, "rnn.", layer); }

template <int I, int H>
void load_recurrent(const json& dict, RTNeural::GRULayerT<float, I, H>& layer) { RTNeural::torch_helpers::loadGRU<float>(dict, "rnn.", layer); }

std::string backend()
{
#if RTNEURAL_USE_XSIMD
    return std::string("xsimd:") + xsimd::default_arch::name();
#elif defined(EIGEN_VECTORIZE_AVX512)
    return "eigen:avx512";
#elif defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    return "eigen:fma+avx2";
#elif defined(EIGEN_VECTORIZE_AVX)
    return "eigen:avx";
#else
    return "eigen:sse";
#endif
}

struct Result
{
    double ns_per_step;
    double checksum;
};

template <typename Model>
Result measure(const json& descriptor, const std::string& kind, double warmup_seconds, double seconds)
{
    constexpr int inputs = Model::input_size;
    auto model = std::make_unique<Model>(); // over-aligned new (C++17): the layers hold aligned vectors
    const auto dict = state_dict(descriptor, kind, inputs, descriptor.at("layers")[0].at("hidden_size"));
    load_recurrent(dict, model->template get<0>());
    RTNeural::torch_helpers::loadDense<float>(dict, "dense.", model->template get<1>());

    model->reset();
    const Signal first(checksum_steps, inputs);
    double checksum = 0;
    for(int t = 0; t < checksum_steps; ++t)
        checksum += model->forward(first.step(t));

    model->reset();
    const int timing_steps = std::max(1, timing_values / (steps_per_call * inputs)) * steps_per_call;
    const Signal timing(timing_steps, inputs);
    using clock = std::chrono::steady_clock;
    int t = 0;
    float sink = 0;
    auto run = [&]
    {
        for(int k = 0; k < steps_per_check; ++k)
        {
            sink += model->forward(timing.step(t)); // read every output, so no step is optimised away
            t = t + 1 == timing_steps ? 0 : t + 1;
        }
    };

    const auto warm_end = clock::now() + std::chrono::duration<double>(warmup_seconds);
    while(clock::now() < warm_end)
        run();

    const auto start = clock::now();
    const auto end = start + std::chrono::duration<double>(seconds);
    long long steps = 0;
    auto now = start;
    do
    {
        run();
        steps += steps_per_check;
        now = clock::now();
    } while(now < end);

    volatile float keep = sink;
    (void)keep;
    return { std::chrono::duration<double, std::nano>(now - start).count() / steps, checksum };
}

using Measure = Result (*)(const json&, const std::string&, double, double);

struct Shape
{
    const char* name;
    const char* kind;
    Measure measure;
};

#define X(kind, inputs, hidden) { #kind "_" #inputs "x" #hidden, #kind, &measure<kind##_model<inputs, hidden>> },
const Shape shapes[] = { HARNESS_SHAPES };
#undef X

void usage()
{
    std::fprintf(stderr, "usage: harness --model NAME [--warmup-seconds 2] [--seconds 2] [--models-dir DIR]\nmodels:");
    for(const auto& shape : shapes)
        std::fprintf(stderr, " %s", shape.name);
    std::fprintf(stderr, "\n");
}
} // namespace

int main(int argc, char** argv)
{
    std::string model, models_dir = "bench/Rnn.Benchmarks/Models";
    double warmup_seconds = 2, seconds = 2;
    for(int a = 1; a < argc; a += 2)
    {
        if(a + 1 == argc)
            return usage(), 2;
        const std::string option = argv[a], value = argv[a + 1];
        if(option == "--model")
            model = value;
        else if(option == "--models-dir")
            models_dir = value;
        else if(option == "--warmup-seconds")
            warmup_seconds = std::atof(value.c_str());
        else if(option == "--seconds")
            seconds = std::atof(value.c_str());
        else
            return usage(), 2;
    }

    for(const auto& shape : shapes)
    {
        if(model != shape.name)
            continue;
        // The large models (1x256, 1x512) are written at build time into large/ (bench/Directory.Build.targets).
        std::string path = models_dir + "/" + model + ".rnn.json";
        std::ifstream file(path);
        if(!file)
            file.open(path = models_dir + "/large/" + model + ".rnn.json");
        if(!file)
            fail("cannot read " + model + ".rnn.json in " + models_dir + " or its large/");
        const auto result = shape.measure(json::parse(file), shape.kind, warmup_seconds, seconds);
        std::printf("rtneural-%s %s %.2f %.9g %s\n", HARNESS_BUILD, shape.name, result.ns_per_step, result.checksum, backend().c_str());
        return 0;
    }

    usage();
    return 2;
}
