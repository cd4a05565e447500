// SPDX-License-Identifier: MIT
#pragma once

// Batch wire shapes (BatchService.json 2024-07-01.20.0) to and from the public models.

#include <kvbridge/batch/certificate.hpp>
#include <kvbridge/batch/job_schedule.hpp>
#include <kvbridge/batch/pool.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"

namespace kvb::batch {

using kvb::detail::JsonValue;
using kvb::detail::JsonWriter;

/** A VM extension (the same shape in the data plane and in Resource Manager's pools). */
VmExtension parseExtension(const JsonValue& obj);
/** Write @p ext as one array element; protectedSettings goes in as the JSON it holds. */
void writeExtension(JsonWriter& w, const VmExtension& ext);
/** Member @p name with caller-supplied JSON text, checked first. @throws InvalidArgument. */
void rawMember(JsonWriter& w, std::string_view name, std::string_view json);
/** rawMember() when @p json is set. */
void optRawMember(JsonWriter& w, std::string_view name, const std::optional<std::string>& json);

BatchCertificate parseCertificate(const JsonValue& obj);
BatchPool parsePool(const JsonValue& obj);
PoolSpecification parsePoolSpecification(const JsonValue& obj);
BatchJobSchedule parseJobSchedule(const JsonValue& obj);
BatchJob parseJob(const JsonValue& obj);

/** CertificateAddParameter; @p base64Data and @p password are secret (the writer is sensitive). */
void writeCertificateAdd(JsonWriter& w, std::string_view thumbprint, std::string_view base64Data,
                         CertificateFormat format, std::string_view password);
std::string poolAddJson(const PoolAddParameters& pool);
std::string poolPatchJson(const PoolPatchParameters& patch);
std::string poolUpdatePropertiesJson(const PoolUpdatePropertiesParameters& properties);

/** The update that keeps everything of @p pool that updateproperties would otherwise drop. */
PoolUpdatePropertiesParameters keepProperties(const BatchPool& pool);

} // namespace kvb::batch
